-- Vedanta Smelter II, Jharsuguda (Odisha): a primary aluminium smelter with captive coal power.
--
-- Targets and baseline come from the rules (registration ALU-OD-VEDANTA-JSG-SMELTER2: draft GEI
-- Target Rules, Apr 2025, [R100][R101]). The activity data are illustrative, sized to the notified
-- baseline: 1,238,336 t × 13.4927 = 16,708,496 tCO2e in 2023-24 (SOURCES.md). About 14,000 kWh
-- of captive coal power per tonne of aluminium, and 0.41 t net anode consumption per tonne.
-- Perfluorocarbons from anode effects by the Tier 2 slope method (IPCC 2006 Vol 3 Eq 4.26/4.27):
-- the slope 0.143 kg CF4 per (t Al · anode-effect minute per cell-day) and the C2F6/CF4 ratio
-- 0.121 are the IPCC defaults for centre-worked prebake cells (Vol 3 Table 4.16); the 0.05
-- anode-effect minutes per cell-day are an illustrative value for modern point-fed cells (the
-- smelter's own are not published). The Tier 1 default (0.4 kg CF4 + 0.04 kg C2F6 per t,
-- Table 4.15) would be about ten times higher. Switchgear SF6 leaks are a refrigerants line.

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
      refrigerants = { { "R-410A", 1800, "kg" }, { "SF6", 60, "kg" } },
      anode_effects = { slope = 0.143, minutes = 0.05, c2f6_ratio = 0.121, aluminium = { 1.25e6, "t" } },
      products = { { "aluminium", 1.25e6, "t" } },
      verification = { emissions = -0.004, production = 0.001 },
    },
  },
}
