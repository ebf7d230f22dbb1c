-- A portfolio shaped like the 282 obligated entities notified on 8 Oct 2025 (GEI Target Rules 2025,
-- First Schedule): cement 186, pulp and paper 53, chlor-alkali 30, aluminium 13 (SOURCES.md).
--
-- Real where the sources give values: the aluminium smelters and paper mills whose targets are in
-- the built-in rules (Vedanta Jharsuguda, Hindalco Hirakud, Ballarpur, JK Paper Rayagada) keep
-- their registrations, baselines and targets. Every other entity is SYNTHETIC, and its targets are
-- declared here with status "synthetic": entity-level values were not published in the sources.
-- Synthetic spreads follow the sector figures of SOURCES.md: GEI orders of magnitude (cement
-- 0.60–0.80, paper 1.5–3.0, chlor-alkali 1.5–2.5, aluminium smelters 12–20 tCO2e/t), reductions by
-- 2026-27 around the notified sector averages (cement ≈ 3.4 %, paper ≈ 7.1 %, chlor-alkali ≈ 7.5 %,
-- aluminium ≈ 5.8 %), with 2025-26 about 45 % of the way. Each entity's achieved reduction is the
-- target's times a factor between 0.6 and 1.4, so some over- and some under-achieve; production
-- (3 %) and fuel use (2 %) are uncertain. Emissions are carried by one domestic-coal line sized to
-- the GEI (18.9 GJ/t × 96.78 tCO2e/TJ = 1.829 tCO2e per t).
--
-- Verifier findings (ccts assumption): how far accredited verifiers' figures differ from those
-- reported is not published for CCTS entities. Each entity-year's findings are normal(0, 1.2 %) on
-- emissions and normal(0, 0.8 %) on production, so that a finding above the base materiality of
-- 2 % occurs in about one entity-year in ten (P(|Z| > 2 / 1.2) = 9.6 %): enough for a materiality
-- reform to bite, as corrections of that order do in EU ETS verification. At expected values the
-- findings are zero, so materiality reforms show their effect only with --iterations.
--
--   ccts compare Scenarios/portfolio-notified-2025.lua --reform Scenarios/reforms/cement-2026-27-tighter.lua --iterations 10000

local seed = 20251008
local function uniform(a, b)                       -- a fixed linear congruential sequence: the same portfolio every load
  seed = (seed * 1103515245 + 12345) % 2147483648
  return a + (b - a) * seed / 2147483648
end

local coal_per_tco2e = 1 / (18.9 * (96.1 + 10 * 28 / 1000 + 1.5 * 265 / 1000) / 1000)
local SOURCE = "synthetic entity of portfolio-notified-2025.lua; sector spreads from SOURCES.md"

local entities = {}

local function add(registration, sector, product, baseline, output, reduction, real)
  local r2 = reduction
  local r1 = reduction * 0.45
  if not real then
    target (registration) {
      sector = sector, name = registration .. " (synthetic)",
      baseline = { year = "2023-24", output = output, gei = baseline },
      gei = { ["2025-26"] = baseline * (1 - r1), ["2026-27"] = baseline * (1 - r2) },
      source = SOURCE, status = "synthetic",
    }
  end
  local factor = uniform(0.6, 1.4)
  local years = {}
  for index, year in ipairs({ "2025-26", "2026-27" }) do
    local achieved = baseline * (1 - (index == 1 and r1 or r2) * factor)
    local production = output * (1 + 0.01 * index)
    years[year] = {
      fuels = { { "coal_domestic", normal(achieved * production * coal_per_tco2e, 0.02 * achieved * production * coal_per_tco2e), "t" } },
      products = { { product, normal(production, 0.03 * production), "t" } },
      verification = { emissions = normal(0, 0.012), production = normal(0, 0.008) },
    }
  end
  entities[#entities + 1] = { entity = { registration = registration, sector = sector }, years = years }
end

for i = 1, 186 do
  add(string.format("CEM-SYN-%03d", i), "cement", "opc", uniform(0.60, 0.80), uniform(0.3e6, 5.0e6), uniform(0.020, 0.048))
end
for i = 1, 51 do
  add(string.format("PP-SYN-%03d", i), "pulp_paper", "paper", uniform(1.5, 3.0), uniform(50e3, 600e3), uniform(0.03, 0.11))
end
add("PP-MH-BALLARPUR", "pulp_paper", "paper", 2.38, 137222, (2.38 - 2.31) / 2.38, true)
add("PP-OD-JKPAPER-RAYAGADA", "pulp_paper", "paper", 2.13, 136226, (2.13 - 2.07) / 2.13, true)
for i = 1, 30 do
  add(string.format("CA-SYN-%03d", i), "chlor_alkali", "caustic_soda", uniform(1.5, 2.5), uniform(50e3, 400e3), uniform(0.05, 0.10))
end
for i = 1, 11 do
  add(string.format("ALU-SYN-%03d", i), "aluminium", "aluminium", uniform(12, 20), uniform(100e3, 600e3), uniform(0.04, 0.07))
end
add("ALU-OD-VEDANTA-JSG-SMELTER2", "aluminium", "aluminium", 13.4927, 1238336, (13.4927 - 12.8259) / 13.4927, true)
add("ALU-OD-HINDALCO-HIRAKUD", "aluminium", "aluminium", 19.2759, 178830, (19.2759 - 17.9150) / 19.2759, true)

return portfolio {
  name = "Notified entities 2025 (282; 278 synthetic)",
  market = { price = price_path { start = lognormal(2000, 400), drift = 0.05, volatility = 0.3 } },
  entities = entities,
}
