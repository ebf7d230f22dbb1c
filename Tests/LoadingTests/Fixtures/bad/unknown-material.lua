-- expect: process[1][1] | unknown process material 'limestane' | did you mean 'limestone'?
return scenario {
  name = "fixture",
  entity = { registration = "T-1", sector = "cement", subsector = "integrated", targets = { ["2025-26"] = 0.75 } },
  years = {
    ["2025-26"] = {
      fuels = { { "coal_imported", 1000, "t" } },
      process = { { "limestane", 5000, "t" } },
      products = { { "opc", 10000, "t" } },
      
    },
  },
}
