-- Benchmark and Monte Carlo showcase: a cement plant modelled on the one of cement-rajasthan.lua,
-- with its uncertainties written out — 2 years, 26 uncertain inputs. It is the model
-- Benchmarks/reference.c writes by hand (the yardstick), so it is not the same plant:
--   - its own synthetic targets, 0.690 and 0.684 (cement-rajasthan.lua: 0.7293 and 0.716;
--     entity-level cement targets were not found, SOURCES.md);
--   - each year's quantities are those of its compliance period (monitored = "period"): 2025-26's
--     175-day period carries a whole year's quantities, where cement-rajasthan.lua takes its
--     annual figures pro rata (× 175/365), so its 2025-26 totals are about twice those.
--
-- Kiln heat demand is met by a fuel mix whose shares vary (Dirichlet); limestone, power,
-- production, the verifier's findings, offset delivery and the CCC price path are uncertain;
-- 2026-27 clinker demand is correlated with cement output.

local function year(y, scale, target_price)
  return {
    monitored = y == "2025-26" and "period" or nil,  -- only the short first period needs saying
    fuel_mix = {
      total  = { normal(4.93e6 * scale, 1.5e5), "GJ" },                 -- kiln heat demand
      shares = dirichlet { coal_imported = 60, petcoke = 40, biomass = 6 },
    },
    fuels = { { "diesel_mobile", triangular(1000 * scale, 1100 * scale, 1300 * scale), "kL" } },
    process = { { "limestone", normal(2.35e6 * scale, 5.0e4), "t", purity = 0.93 } },
    electricity = {
      purchased = { normal(150000 * scale, 8000), "MWh" },
      renewable = { uniform(35000, 50000), "MWh" },
    },
    products = {
      { "opc", normal(0.90e6 * scale, 4.0e4), "t" },
      { "ppc", normal(1.30e6 * scale, 5.0e4), "t" },
    },
    verification = { emissions = normal(0, 0.008), production = normal(0, 0.004) },
    offsets = {
      { project = "RJ-SOLAR-2025-11", type = "renewable_energy", credits = 20000,
        delivered = beta(8, 2), vintage = y, price = pert(1200, 1500, 2200) },
    },
    trades = { buy = { 15000, price = target_price } },
  }
end

return scenario {
  name = "Integrated cement plant, Rajasthan (uncertain)",
  entity = {
    registration = "CCTS-CEM-RJ-0042", name = "Example Cement Works (synthetic)",
    sector = "cement", subsector = "integrated", state = "Rajasthan",
    baseline = { year = "2023-24", output = 2.15e6, gei = 0.7412 },
    targets = { ["2025-26"] = 0.6900, ["2026-27"] = 0.6840 },
  },
  opening_balance = 0,
  market = { price = price_path { start = lognormal(1800, 300), drift = 0.05, volatility = 0.35 } },
  years = {
    ["2025-26"] = year("2025-26", 1.00, 1750),
    ["2026-27"] = year("2026-27", 1.03, 1900),
  },
  correlations = {
    { 'years["2026-27"].fuel_mix.total', 'years["2026-27"].products.opc.quantity', 0.7 },
    { 'years["2026-27"].process.limestone.quantity', 'years["2026-27"].products.ppc.quantity', 0.6 },
  },
}
