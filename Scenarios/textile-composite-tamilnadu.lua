-- A composite textile mill in Tamil Nadu (spinning, weaving and processing; Second Schedule).
--
-- SYNTHETIC: entity-level textile targets were not found in the sources (SOURCES.md), so the
-- scenario states its own (3 % below the baseline by 2026-27, within the 3–7 % the Amendment
-- Rules set for the new sectors [R33]). Coal-fired boilers raise process steam, natural gas
-- fires the stenters, grid and open-access wind power run the spindles and looms. 2025-26 is
-- the Second Schedule's January–March period; the annual figures are taken pro rata.

return scenario {
  name = "Composite textile mill, Tamil Nadu (synthetic)",
  entity = {
    registration = "CCTS-TEX-TN-0118", name = "Example Textiles (synthetic)",
    sector = "textile", subsector = "composite", state = "Tamil Nadu",
    baseline = { year = "2023-24", output = 54000, gei = 3.35 },
    targets = { ["2025-26"] = 3.32, ["2026-27"] = 3.25 },
  },
  market = { price = { ["2025-26"] = 2000, ["2026-27"] = 2300 } },

  years = {
    ["2025-26"] = {
      monitored = "full_year",
      fuels = {
        { "coal_imported", 33000, "t" },
        { "natural_gas",  4.0e5, "GJ" },
      },
      electricity = { purchased = { 110000, "MWh" }, renewable = { 40000, "MWh" } },
      products = { { "yarn", 30000, "t" }, { "fabric", 25000, "t" } },
    },
    ["2026-27"] = {
      fuels = {
        { "coal_imported", 34000, "t" },
        { "natural_gas",  4.2e5, "GJ" },
        { "biomass",       6000, "t" },            -- briquettes co-fired in the boilers
      },
      electricity = { purchased = { 103000, "MWh" }, renewable = { 50000, "MWh" } },
      products = { { "yarn", 30500, "t" }, { "fabric", 25500, "t" } },
      trades = { sell = { { 1000, date = "2027-10-20" } } },   -- after the surrender, at the market price
    },
  },
}
