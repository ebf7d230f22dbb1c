-- Vedanta Smelter II, Jharsuguda (Odisha): a primary aluminium smelter with captive coal power.
--
-- Targets and baseline come from the rules (registration ALU-OD-VEDANTA-JSG-SMELTER2: draft GEI
-- Target Rules, Apr 2025, [R100][R101]). The activity data are illustrative, sized to the notified
-- baseline: 1,238,336 t × 13.4927 = 16,708,496 tCO2e in 2023-24 (SOURCES.md). About 14,000 kWh
-- of captive coal power per tonne of aluminium, and 0.41 t net anode consumption per tonne.
-- Perfluorocarbons from anode effects are not modelled (no PFC factor in the rules).

return scenario {
  name = "Aluminium smelter, Jharsuguda (notified entity, illustrative activity data)",
  entity = {
    registration = "ALU-OD-VEDANTA-JSG-SMELTER2", name = "Vedanta Ltd, Smelter II, Jharsuguda",
    sector = "aluminium", subsector = "smelter", state = "Odisha",
  },
  market = { price = 2000 },

  years = {
    ["2025-26"] = {
      fuels = {
        { "coal_domestic", 8.5e6, "t", ncv = 17.6 },    -- Type II: Mahanadi Coalfields grade, GJ/t
        { "fuel_oil",      12000, "kL" },
        { "diesel_mobile",  2500, "kL" },
      },
      process = { { "carbon_anode", 512500, "t", purity = 0.97 } },
      electricity = { purchased = { 120000, "MWh" } },
      refrigerants = { { "R-410A", 1800, "kg" } },
      products = { { "aluminium", 1.25e6, "t" } },
      verification = { emissions = -0.004, production = 0.001 },
    },
  },
}
