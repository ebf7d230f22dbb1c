-- expect: captured_co2 | captures 1000000 t of CO2 at the expected values, more than the plant
return scenario {
  name = "fixture",
  entity = { registration = "T-1", sector = "cement", subsector = "integrated", targets = { ["2025-26"] = 0.75, ["2027-28"] = 0.74 } },
  years = {
    ["2025-26"] = {
      fuels = { { "coal_imported", 10, "t" } },
      process = { { "limestone", 5000, "t", purity = 0.9 } },
      products = { { "opc", 10000, "t" } },
      captured_co2 = 1e6,
    },
  },
}
