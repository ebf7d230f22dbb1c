-- expect: offsets[1].credits | is 3333.5; a CCC is one whole certificate | write 3333
return scenario {
  name = "fixture",
  entity = { registration = "T-1", sector = "cement", subsector = "integrated", targets = { ["2025-26"] = 0.75 } },
  years = {
    ["2025-26"] = {
      fuels = { { "coal_imported", 1000, "t" } },
      process = { { "limestone", 5000, "t", purity = 0.9 } },
      products = { { "opc", 10000, "t" } },
      offsets = { { project = "P", type = "renewable_energy", credits = 3333.5, vintage = "2025-26" } },
    },
  },
}
