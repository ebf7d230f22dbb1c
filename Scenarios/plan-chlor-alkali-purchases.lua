-- Procurement over the compliance cycle for the Gujarat chlor-alkali plant
-- (chlor-alkali-gujarat-shortfall.lua): what to buy forward and when, which offset projects to
-- contract, and what to leave to the exchange, over 2025-26 and 2026-27 with banking between them.
--
-- Forwards: in November 2025 nothing is known of the year's need yet, so a fixed quantity is
-- decided; by March 2026 the year's production and coal use are known to ± 3 %, so the decision
-- is a rule, a share of the estimated remaining need. The same again for 2026-27. Forward prices
-- carry a premium over the expected exchange price (2,400 in 2025-26, about 2,520 in 2026-27 on
-- the price path), so that buying forward is insurance, not a bet. Offsets: a solar project (renewable energy, reliable: beta(8, 2) of what it contracts),
-- a compressed-biogas plant (beta(5, 3)) and a mangrove project that delivers little (beta(2, 3))
-- and late, after the 2025-26 surrender, so that its credits meet 2026-27; deliveries of one type
-- correlated at 0.5. A surplus of 2025-26 may be sold in part instead of banked. Whatever is still short at a surrender
-- is bought on the exchange at that year's price as far as the exchange can fill it — PAT's
-- ESCert sessions cleared a small share of what was asked (SOURCES.md), so liquidity is
-- beta(2, 2) of the remainder; the rest pays environmental compensation, 2 × the average price.
-- A surplus is banked into 2026-27; what is left at the end is worth half the price.
-- All prices are illustrative.
--
--   ccts plan Scenarios/plan-chlor-alkali-purchases.lua                      # least expected cost
--   ccts plan Scenarios/plan-chlor-alkali-purchases.lua --objective chance --epsilon 0.05

return scenario {
  name = "Chlor-alkali plant, Gujarat (procurement over the cycle)",
  entity = {
    registration = "CCTS-CA-GJ-0007", name = "Example Chlor-Alkali Ltd (synthetic)",
    sector = "chlor_alkali", subsector = "membrane", state = "Gujarat",
    baseline = { year = "2023-24", output = 245000, gei = 2.28 },
    targets = { ["2025-26"] = 2.22, ["2026-27"] = 2.16 },
  },
  market = { price = price_path { start = lognormal(2400, 500), drift = 0.05, volatility = 0.25 } },

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
    ["2026-27"] = {
      fuels = {
        { "coal_domestic", normal(140000, 6000), "t" },
        { "natural_gas",   normal(27.0, 1.2), "MMSCM" },
      },
      electricity = { purchased = { normal(372000, 12000), "MWh" } },
      heat = { purchased = { 90000, "GJ" }, source = "steam" },
      products = { { "caustic_soda", normal(253000, 7000), "t" } },
      verification = { emissions = normal(0, 0.005), production = normal(0, 0.005) },
    },
  },

  planning = {
    forwards = {
      { year = "2025-26", date = "2025-11-15", price = 2450, max = 30000 },
      { year = "2025-26", date = "2026-03-02", price = 2500, max = 30000, known = 0.03 },
      { year = "2026-27", date = "2026-06-01", price = 2600, max = 60000 },
      { year = "2026-27", date = "2027-03-01", price = 2650, max = 60000, known = 0.03 },
    },
    offsets = {
      { project = "GJ-SOLAR-2025-04", type = "renewable_energy", vintage = "2025-26", year = "2025-26",
        price = 1500, max = 15000, delivered = beta(8, 2) },
      { project = "GJ-CBG-2025-11", type = "compressed_biogas", vintage = "2025-26", year = "2026-27",
        price = 1800, min = 5000, max = 25000, delivered = beta(5, 3) },   -- the plant sells in lots of 5,000 or more
      { project = "GJ-MANGROVE-2025-02", type = "mangrove_afforestation", vintage = "2025-26", year = "2025-26",
        price = 1100, max = 30000, delivered = beta(2, 3), delivery = "2026-11-01" },   -- misses the 2025-26 surrender: counts for 2026-27
    },
    spot = { liquidity = beta(2, 2) },
    correlation = 0.5,           -- between deliveries of projects of one type
    surplus_value = 0.5,         -- a CCC left after 2026-27 is worth half that year's price
    sell_surplus = true,         -- a share of the 2025-26 surplus may be sold at that year's price instead of banked
  },
}
