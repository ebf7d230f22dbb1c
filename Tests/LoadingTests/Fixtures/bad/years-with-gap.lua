-- expect: years | jump from 2025-26 to 2027-28 | allow_gaps = true
return scenario {
  name = "fixture",
  entity = { registration = "T-1", sector = "cement", subsector = "integrated", targets = { ["2025-26"] = 0.75, ["2027-28"] = 0.74 } },
  years = {
    ["2025-26"] = {
      fuels = { { "coal_imported", 1000, "t" } },
      process = { { "limestone", 5000, "t", purity = 0.9 } },
      products = { { "opc", 10000, "t" } },
      
    },
    ["2027-28"] = { fuels = { { "coal_imported", 1000, "t" } }, products = { { "opc", 10000, "t" } } },
  },
}
