-- expect: runtime-error.lua:7: | boom
return scenario {
  name = "fixture",
  entity = { registration = "T-1", sector = "cement", subsector = "integrated", targets = { ["2025-26"] = 0.75 } },
  years = {
    ["2025-26"] = {
      fuels = { error("boom") },
      process = { { "limestone", 5000, "t", purity = 0.9 } },
      products = { { "opc", 10000, "t" } },
      
    },
  },
}
