-- expect: entity.sector | is 'cement', but registration 'ALU-OD-VEDANTA-JSG-SMELTER2' is notified | sector = "aluminium"
return scenario {
  name = "fixture",
  entity = { registration = "ALU-OD-VEDANTA-JSG-SMELTER2", sector = "cement" },
  years = {
    ["2025-26"] = {
      fuels = { { "coal_imported", 1000, "t" } },
      products = { { "opc", 10000, "t" } },
    },
  },
}
