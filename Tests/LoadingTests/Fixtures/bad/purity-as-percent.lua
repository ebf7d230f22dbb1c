-- expect: process[1].purity | is 95; expected a fraction in (0, 1] | did you mean 0.95?
return scenario {
  name = "fixture",
  entity = { registration = "T-1", sector = "cement", subsector = "integrated", targets = { ["2025-26"] = 0.75 } },
  years = {
    ["2025-26"] = {
      fuels = { { "coal_imported", 1000, "t" } },
      process = { { "limestone", 5000, "t", purity = 95 } },
      products = { { "opc", 10000, "t" } },
    },
  },
}
