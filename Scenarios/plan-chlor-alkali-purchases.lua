-- Purchase planning for the Gujarat chlor-alkali plant (chlor-alkali-gujarat-shortfall.lua)
-- before 2025-26 closes: how many CCCs to buy forward now, and how many offset credits to
-- contract, when production, coal use, delivery and the exchange are uncertain.
--
-- Forward CCCs cost 2,300 INR now. Offsets (renewable energy, vintage 2025-26) cost 1,500 INR per
-- delivered credit; projects deliver beta(8, 2) of what they contract. Whatever is still short
-- at the end of the year is bought on the exchange at that year's price — but only as far as
-- the exchange can fill it: PAT's ESCert sessions cleared a small share of what was asked
-- (SOURCES.md), so liquidity is beta(2, 2) of the remaining shortfall. The rest costs
-- environmental compensation, 2 × the average price (the rules).
--
--   ccts plan Scenarios/plan-chlor-alkali-purchases.lua                      # least expected cost
--   ccts plan Scenarios/plan-chlor-alkali-purchases.lua --objective chance --epsilon 0.05

return scenario {
  name = "Chlor-alkali plant, Gujarat (purchase planning)",
  entity = {
    registration = "CCTS-CA-GJ-0007", name = "Example Chlor-Alkali Ltd (synthetic)",
    sector = "chlor_alkali", subsector = "membrane", state = "Gujarat",
    baseline = { year = "2023-24", output = 245000, gei = 2.28 },
    targets = { ["2025-26"] = 2.22 },
  },
  market = { price = lognormal(2400, 500) },

  years = {
    ["2025-26"] = {
      monitored = "full_year",   -- annual figures; the First Schedule period (8 Oct 2025 – 31 Mar 2026) takes them pro rata
      fuels = {
        { "coal_domestic", normal(142000, 6000), "t" },
        { "natural_gas",   normal(26.5, 1.2), "MMSCM" },
      },
      electricity = { purchased = { normal(370000, 12000), "MWh" } },
      heat = { purchased = { 90000, "GJ" }, source = "steam" },
      products = { { "caustic_soda", normal(250000, 7000), "t" } },
      verification = { emissions = normal(0, 0.005), production = normal(0, 0.005) },
    },
  },

  planning = {
    year = "2025-26",
    forward = { price = 2300, max = 60000 },
    offsets = { price = 1500, delivered = beta(8, 2), max = 30000 },
    spot = { liquidity = beta(2, 2) },
    surplus_value = 0.5,      -- a surplus CCC, banked, is worth half the year's price today
  },
}
