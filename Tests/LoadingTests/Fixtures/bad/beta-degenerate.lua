-- expect: offsets[1].delivered.alpha | is 1e-300; expected a shape from 0.01 to 1e6
return scenario {
  name = "fixture",
  entity = { registration = "T-1", sector = "cement", subsector = "integrated", targets = { ["2025-26"] = 0.75 } },
  years = {
    ["2025-26"] = {
      fuels = { { "coal_imported", 1000, "t" } },
      process = { { "limestone", 5000, "t", purity = 0.9 } },
      products = { { "opc", 10000, "t" } },
      offsets = { { project = "P", type = "renewable_energy", credits = 100, delivered = beta(1e-300, 1e-300), vintage = "2025-26" } },
    },
  },
}
