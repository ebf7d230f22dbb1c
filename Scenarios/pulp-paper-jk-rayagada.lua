-- JK Paper, Rayagada (Odisha): an integrated pulp and paper mill, two years, with a biomass switch.
--
-- Targets and baseline from the rules (registration PP-OD-JKPAPER-RAYAGADA; June-2025 draft as
-- summarised by [R102], rounded and of low confidence). Activity data are illustrative: coal-fired
-- recovery and power boilers, black liquor counted as biomass, some grid power. The mill buys
-- CCCs to cover 2025-26; in 2026-27 it replaces 15,000 t of coal with biomass, exports surplus
-- power and sells part of its surplus.

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
        { "biomass",       310000, "t" },                   -- black liquor solids and wood waste
        { "fuel_oil",        3000, "kL" },
      },
      process     = { { "limestone", 22000, "t", purity = 0.95 } },   -- lime kiln make-up
      electricity = { purchased = { 42000, "MWh" } },
      products    = { { "paper", 118000, "t" }, { "paperboard", 22000, "t" } },
      verification = { emissions = 0.006 },
      trades = { buy = { 7000, price = 1950 } },            -- bought forward to cover the gap
    },
    ["2026-27"] = {
      fuels = {
        { "coal_domestic", 135000, "t", ncv = 16.8 },
        { "biomass",       330000, "t" },
        { "fuel_oil",        2500, "kL" },
      },
      process     = { { "limestone", 22500, "t", purity = 0.95 } },
      electricity = { purchased = { 30000, "MWh" }, exported = { 8000, "MWh" } },
      products    = { { "paper", 121000, "t" }, { "paperboard", 23000, "t" } },
      trades = { sell = 20000 },                            -- at the year's market price
    },
  },
}
