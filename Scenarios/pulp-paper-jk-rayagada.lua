-- JK Paper, Rayagada (Odisha): an integrated pulp and paper mill, two years, with a biomass switch.
--
-- Targets and baseline from the rules (registration PP-OD-JKPAPER-RAYAGADA; June-2025 draft as
-- summarised by [R102], rounded and of low confidence). Activity data are illustrative: the
-- recovery boiler burns the kraft pulping's black liquor (biogenic CO2, reported as zero; its CH4
-- and N2O count, IPCC 2006 Vol 2 Table 2.3), coal-fired power boilers, wood waste, some grid
-- power. 2025-26 is the First Schedule's short period (8 Oct 2025 – 31 Mar 2026): the annual
-- figures are taken pro rata. The mill buys forward in March 2026 to cover 2025-26; in 2026-27 it
-- replaces 15,000 t of coal with wood waste, exports surplus power and sells part of its surplus
-- in two lots after the surrender.

return scenario {
  name = "Integrated paper mill, Rayagada (notified entity, illustrative activity data)",
  entity = {
    registration = "PP-OD-JKPAPER-RAYAGADA", name = "JK Paper Ltd, Rayagada",
    sector = "pulp_paper", subsector = "integrated", state = "Odisha",
  },
  opening_balance = 0,
  market = { price = { ["2025-26"] = 1900, ["2026-27"] = 2200 } },

  years = {
    ["2025-26"] = {
      monitored = "full_year",   -- annual figures; the First Schedule period (8 Oct 2025 – 31 Mar 2026) takes them pro rata
      fuels = {
        { "coal_domestic", 150000, "t", ncv = 16.8 },
        { "black_liquor",  260000, "t" },                   -- dry solids fired in the recovery boiler
        { "biomass",        50000, "t" },                   -- wood waste
        { "fuel_oil",        3000, "kL" },
      },
      process     = { { "limestone", 22000, "t", purity = 0.95 } },   -- lime kiln make-up
      electricity = { purchased = { 42000, "MWh" } },
      products    = { { "paper", 118000, "t" }, { "paperboard", 22000, "t" } },
      verification = { emissions = 0.006 },
      trades = { buy = { 600, price = 1950, date = "2026-03-10" } },    -- bought forward to cover the gap
    },
    ["2026-27"] = {
      fuels = {
        { "coal_domestic", 135000, "t", ncv = 16.8 },
        { "black_liquor",  265000, "t" },
        { "biomass",        65000, "t" },
        { "fuel_oil",        2500, "kL" },
      },
      process     = { { "limestone", 22500, "t", purity = 0.95 } },
      electricity = { purchased = { 30000, "MWh" }, exported = { 8000, "MWh" } },
      products    = { { "paper", 121000, "t" }, { "paperboard", 23000, "t" } },
      trades = { sell = { { 12000, price = 2150, date = "2027-10-05" }, { 8000 } } },   -- a forward sale, then at the market price
    },
  },
}
