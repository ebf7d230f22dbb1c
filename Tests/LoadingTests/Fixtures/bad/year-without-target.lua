-- expect: entity.targets["2026-27"] | no GEI target for 2026-27 | add entity.targets
return scenario {
  name = "fixture",
  entity = { registration = "T-1", sector = "cement", subsector = "integrated", targets = { ["2025-26"] = 0.75 } },
  years = {
    ["2026-27"] = {
      fuels = { { "coal_imported", 1000, "t" } },
      process = { { "limestone", 5000, "t", purity = 0.9 } },
      products = { { "opc", 10000, "t" } },
      
    },
  },
}
