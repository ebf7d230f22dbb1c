-- expect: offsets[1].delivered | is 1.2; expected a fraction in 0…1
return scenario {
  name = "fixture",
  entity = { registration = "T-1", sector = "cement", subsector = "integrated", targets = { ["2025-26"] = 0.75 } },
  years = {
    ["2025-26"] = {
      fuels = { { "coal_imported", 1000, "t" } },
      process = { { "limestone", 5000, "t", purity = 0.9 } },
      products = { { "opc", 10000, "t" } },
      offsets = { { project = "P", type = "renewable_energy", credits = 100, delivered = 1.2, vintage = "2025-26" } },
    },
  },
}
