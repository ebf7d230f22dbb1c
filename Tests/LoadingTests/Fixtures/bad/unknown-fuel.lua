-- expect: years["2025-26"].fuels[1][1] | unknown fuel 'coall' | did you mean 'coal_domestic' or 'coal_imported'?
return scenario {
  name = "fixture",
  entity = { registration = "T-1", sector = "cement", subsector = "integrated", targets = { ["2025-26"] = 0.75 } },
  years = {
    ["2025-26"] = {
      fuels = { { "coall", 1000, "t" } },
      process = { { "limestone", 5000, "t", purity = 0.9 } },
      products = { { "opc", 10000, "t" } },
      
    },
  },
}
