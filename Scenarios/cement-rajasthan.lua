-- Integrated cement plant in Rajasthan, two compliance years with banking.
--
-- A synthetic plant shaped like the cement entities notified on 8 Oct 2025: entity-level cement
-- targets were not found in the sources (SOURCES.md), so the scenario states its
-- own, set 1.6 % and 3.4 % below its baseline (the sector's ≈ 3.4 % reduction by 2026-27, §8.1).
-- Quantities are typical of a 2.2 Mt/yr plant: ≈ 1.07 t limestone per t cement, ≈ 3.1 GJ/t clinker
-- of kiln fuel, ≈ 85 kWh/t cement of electricity. 2025-26 is the First Schedule's short first
-- compliance period: the annual quantities are taken pro rata (175 of 365 days).

return scenario {
  name = "Integrated cement plant, Rajasthan",
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
      fuels = {
        { "coal_imported", 115000, "t" },
        { "petcoke",        60000, "t", ncv = 32.9 },        -- Type II NCV from the plant's lab, GJ/t
        { "biomass",        20000, "t" },                    -- agro-residue co-firing
        { "diesel_offroad",  1100, "kL" },                   -- quarry dumpers and loaders (off-road machinery)
      },
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
      fuels = {
        { "coal_imported", 118000, "t" },
        { "petcoke",        62000, "t", ncv = 32.9 },
        { "biomass",        21000, "t" },
        { "diesel_offroad",  1150, "kL" },
      },
      process     = { { "limestone", 2.42e6, "t", purity = 0.93 } },
      electricity = { purchased = { 150000, "MWh" }, renewable = { 45000, "MWh" } },
      products    = { { "opc", 0.92e6, "t" }, { "ppc", 1.34e6, "t" } },
      verification = { emissions = 0.005 },
    },
  },
}
