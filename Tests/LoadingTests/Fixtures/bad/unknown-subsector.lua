-- expect: entity.subsector | 'intergrated' is not a sub-sector of cement | did you mean 'integrated'?
return scenario {
  name = "fixture",
  entity = { registration = "T-1", sector = "cement", subsector = "intergrated", targets = { ["2025-26"] = 0.75 } },
  years = {
    ["2025-26"] = {
      fuels = { { "coal_imported", 1000, "t" } },
      process = { { "limestone", 5000, "t", purity = 0.9 } },
      products = { { "opc", 10000, "t" } },
      
    },
  },
}
