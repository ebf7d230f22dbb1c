-- A petroleum refinery in Gujarat (Second Schedule), its GEI in tCO2e per MBBLS per NRGF.
--
-- SYNTHETIC: entity-level refinery targets and NRGF values were not found in the sources
-- (SOURCES.md), so the scenario states its own. The metric is the notified one [R30][R33]:
-- emissions over crude processed in thousand barrels (MBBLS) times the refinery's NRGF, which
-- each product line states (nrgf = …). Quantities are typical of a 12 Mt/yr (≈ 90,000 MBBLS)
-- refinery: process heaters on natural gas and fuel oil, FCC coke burn-off as petcoke, grid
-- power. 2025-26 is the Second Schedule's January–March period (90 of 365 days): the annual
-- figures are taken pro rata. In 2026-27 the refinery is short and buys forward and at the surrender.

return scenario {
  name = "Petroleum refinery, Gujarat (synthetic)",
  entity = {
    registration = "CCTS-REF-GJ-0007", name = "Example Refinery (synthetic)",
    sector = "refinery", subsector = "refinery", state = "Gujarat",
    baseline = { year = "2023-24", output = 90000 * 9.5, gei = 3.62 },
    targets = { ["2025-26"] = 3.58, ["2026-27"] = 3.50 },    -- 1.1 % and 3.3 % below the baseline
  },
  market = { price = { ["2025-26"] = 2000, ["2026-27"] = 2300 } },

  years = {
    ["2025-26"] = {
      monitored = "full_year",   -- annual figures; the Second Schedule period (1 Jan – 31 Mar 2026) takes them pro rata
      fuels = {
        { "natural_gas", 29.5e6, "GJ" },          -- metered in energy: no density needed
        { "fuel_oil",    205000, "t" },
        { "petcoke",     150000, "t" },            -- FCC coke burnt off in the regenerator
      },
      electricity = { purchased = { 300000, "MWh" } },
      products = { { "crude_throughput", 88000, "MBBLS", nrgf = 9.5 } },
    },
    ["2026-27"] = {
      fuels = {
        { "natural_gas", 30e6, "GJ" },
        { "fuel_oil",    200000, "t" },
        { "petcoke",     150000, "t" },
      },
      electricity = { purchased = { 300000, "MWh" } },
      products = { { "crude_throughput", 90000, "MBBLS", nrgf = 9.5 } },
      trades = { buy = { { 6000, price = 2250, date = "2027-02-01" }, { 3500 } } },   -- forward, then at the surrender at the market price
    },
  },
}
