-- expect: fuels[1][2] | normal(100, 200) reaches below 0, outside a quantity | lognormal for a quantity
return scenario {
  name = "fixture",
  entity = { registration = "T-1", sector = "cement", subsector = "integrated", targets = { ["2025-26"] = 0.75 } },
  years = {
    ["2025-26"] = {
      fuels = { { "coal_imported", normal(100, 200), "t" } },
      process = { { "limestone", 5000, "t", purity = 0.9 } },
      products = { { "opc", 10000, "t" } },
      
    },
  },
}
