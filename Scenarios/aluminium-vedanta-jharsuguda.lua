-- Vedanta Smelter II, Jharsuguda (Odisha): a primary aluminium smelter with captive coal power.
--
-- Targets and baseline come from the rules (registration ALU-OD-VEDANTA-JSG-SMELTER2: draft GEI
-- Target Rules, Apr 2025, [R100][R101]). The activity data are illustrative, sized to the notified
-- baseline: 1,238,336 t × 13.4927 = 16,708,496 tCO2e in 2023-24 (SOURCES.md). About 14,000 kWh
-- of captive coal power per tonne of aluminium, and 0.41 t net anode consumption per tonne.
-- Perfluorocarbons from anode effects are left out: the smelter's anode-effect minutes are not
-- published, and the Tier 1 default for centre-worked prebake (0.4 kg CF4 + 0.04 kg C2F6 per t,
-- 3.1 tCO2e/t at AR5) is far above what modern point-fed cells emit. Add them with
-- anode_effects = { slope = …, minutes = …, c2f6_ratio = …, aluminium = { …, "t" } } (Tier 2).

return scenario {
  name = "Aluminium smelter, Jharsuguda (notified entity, illustrative activity data)",
  entity = {
    registration = "ALU-OD-VEDANTA-JSG-SMELTER2", name = "Vedanta Ltd, Smelter II, Jharsuguda",
    sector = "aluminium", subsector = "smelter", state = "Odisha",
  },
  market = { price = 2000 },

  years = {
    ["2025-26"] = {
      monitored = "full_year",   -- annual figures; the First Schedule period (8 Oct 2025 – 31 Mar 2026) takes them pro rata
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
