-- expect: offsets[1].delivered | normal(0.9, 0.05) reaches above 1 | beta for a fraction
return scenario {
  name = "fixture",
  entity = { registration = "T-1", sector = "cement", subsector = "integrated", targets = { ["2025-26"] = 0.75 } },
  years = {
    ["2025-26"] = {
      fuels = { { "coal_imported", 1000, "t" } },
      process = { { "limestone", 5000, "t", purity = 0.9 } },
      products = { { "opc", 10000, "t" } },
      offsets = { { project = "P", type = "renewable_energy", credits = 100, delivered = normal(0.9, 0.05), vintage = "2025-26" } },
    },
  },
}
