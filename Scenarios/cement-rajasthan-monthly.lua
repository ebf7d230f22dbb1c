-- The cement plant of cement-rajasthan.lua with its fuels read from its monthly monitoring sheet
-- (data/cement-rajasthan-fuels-monthly.csv: one row per month and fuel, April 2025 to March 2027,
-- SYNTHETIC figures that add up to the annual quantities of cement-rajasthan.lua). lines_from sums
-- the months of each compliance year (April to March), so the results are those of
-- cement-rajasthan.lua: 27,445 and 28,333 CCCs issued. The CSV is read by ccts (not Lua), only from
-- this file's folder, and kept with every stored run.
--
--   ccts run Scenarios/cement-rajasthan-monthly.lua

return scenario {
  name = "Integrated cement plant, Rajasthan (monthly monitoring sheet)",
  entity = {
    registration = "CCTS-CEM-RJ-0042", name = "Example Cement Works (synthetic)",
    sector = "cement", subsector = "integrated", state = "Rajasthan",
    baseline = { year = "2023-24", output = 2.15e6, gei = 0.7412 },
    targets = { ["2025-26"] = 0.7293, ["2026-27"] = 0.7160 },
  },
  opening_balance = 0,
  market = { price = { ["2025-26"] = 1800, ["2026-27"] = 2100 } },   -- INR/CCC, assumed

  years = {
    ["2025-26"] = {
      monitored = "full_year",   -- the plant's annual figures; the First Schedule period (8 Oct 2025 – 31 Mar 2026) takes them pro rata
      fuels = lines_from("data/cement-rajasthan-fuels-monthly.csv", { year = "2025-26" }),
      process     = { { "limestone", 2.35e6, "t", purity = 0.93 } },
      electricity = { purchased = { 150000, "MWh" }, renewable = { 40000, "MWh" } },
      products    = { { "opc", 0.9e6, "t" }, { "ppc", 1.3e6, "t" } },
      verification = { emissions = 0.008 },                  -- verifier found 0.8 % more: not material
      offsets = {
        { project = "RJ-SOLAR-2025-11", type = "renewable_energy", credits = 4000, vintage = "2025-26", price = 1500 },
        { project = "RJ-BIOCHAR-07", type = "biochar", credits = 5000, vintage = "2025-26", price = 900 },
      },
      trades = { sell = { 10000, price = 1850 } },
    },
    ["2026-27"] = {
      fuels = lines_from("data/cement-rajasthan-fuels-monthly.csv", { year = "2026-27" }),
      process     = { { "limestone", 2.42e6, "t", purity = 0.93 } },
      electricity = { purchased = { 150000, "MWh" }, renewable = { 45000, "MWh" } },
      products    = { { "opc", 0.92e6, "t" }, { "ppc", 1.34e6, "t" } },
      verification = { emissions = 0.005 },
    },
  },
}
