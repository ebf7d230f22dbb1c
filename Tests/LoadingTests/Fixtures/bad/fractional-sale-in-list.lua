-- expect: trades.sell[2][1] | is 0.25; CCCs are traded whole
return scenario {
  name = "fixture",
  entity = { registration = "T-1", sector = "cement", subsector = "integrated", targets = { ["2025-26"] = 0.75 } },
  years = {
    ["2025-26"] = {
      fuels = { { "coal_imported", 1000, "t" } },
      process = { { "limestone", 5000, "t", purity = 0.9 } },
      products = { { "opc", 10000, "t" } },
      trades = { sell = { { 100, price = 2000 }, { 0.25 } } },
    },
  },
}
