-- Membrane-cell chlor-alkali plant in Gujarat that misses its target and pays compensation.
--
-- Synthetic: chlor-alkali entity targets were not found in the sources (SOURCES.md). The sector
-- must cut GEI ≈ 7.5 % by 2026-27 (§8.1); this plant states targets on that path from a 2.28
-- tCO2e/t baseline. About 2,400 kWh per tonne of caustic soda, 40 % from a captive coal unit;
-- steam for evaporation from a gas boiler. The verifier finds production 3 % lower than reported,
-- a material misstatement, so the verified figures are used. The plant buys 20,000 CCCs forward but
-- that does not cover the surrender obligation; the rest is a shortfall charged at 2 × the price.

return scenario {
  name = "Chlor-alkali plant, Gujarat (shortfall)",
  entity = {
    registration = "CCTS-CA-GJ-0007", name = "Example Chlor-Alkali Ltd (synthetic)",
    sector = "chlor_alkali", subsector = "membrane", state = "Gujarat",
    baseline = { year = "2023-24", output = 245000, gei = 2.28 },
    targets = { ["2025-26"] = 2.22 },
  },
  market = { price = 2400 },

  years = {
    ["2025-26"] = {
      monitored = "full_year",   -- annual figures; the First Schedule period (8 Oct 2025 – 31 Mar 2026) takes them pro rata
      fuels = {
        { "coal_domestic", 142000, "t" },
        { "natural_gas",   26.5, "MMSCM" },
      },
      electricity = { purchased = { 370000, "MWh" } },
      heat = { purchased = { 90000, "GJ" }, source = "steam" },
      products = { { "caustic_soda", 250000, "t" } },
      verification = { production = -0.03 },
      trades = { buy = { 20000, price = 2300 } },
    },
  },
}
