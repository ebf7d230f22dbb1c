-- expect: process[1][3] | 'kL' is a liquid volume unit; expected a mass unit
return scenario {
  name = "fixture",
  entity = { registration = "T-1", sector = "cement", subsector = "integrated", targets = { ["2025-26"] = 0.75 } },
  years = {
    ["2025-26"] = {
      fuels = { { "coal_imported", 1000, "t" } },
      process = { { "limestone", 5000, "kL" } },
      products = { { "opc", 10000, "t" } },
      
    },
  },
}
