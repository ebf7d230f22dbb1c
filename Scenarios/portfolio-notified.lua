-- A portfolio shaped like all 490 obligated entities notified under the GEI Target Rules
-- (SOURCES.md, [R34]): the First Schedule of 8 Oct 2025 (cement 186, pulp and paper 53,
-- chlor-alkali 30, aluminium 13) and the Second Schedule of the Amendment Rules of 13 Jan 2026
-- (textiles 173, petroleum refineries 21, petrochemicals 11, secondary aluminium 3).
--
-- Real where the sources give values: the aluminium smelters and paper mills whose targets are in
-- the built-in rules (Vedanta Jharsuguda, Hindalco Hirakud, Ballarpur, JK Paper Rayagada) keep
-- their registrations, baselines and targets. Every other entity is SYNTHETIC, and its targets are
-- declared here with status "synthetic": entity-level values were not published in the sources.
-- Synthetic spreads follow the sector figures of SOURCES.md: GEI orders of magnitude (cement
-- 0.60–0.80, paper 1.5–3.0, chlor-alkali 1.5–2.5, aluminium smelters 12–20 tCO2e/t), reductions by
-- 2026-27 around the notified sector averages (cement ≈ 3.4 %, paper ≈ 7.1 %, chlor-alkali ≈ 7.5 %,
-- aluminium ≈ 5.8 %; the Second Schedule sectors 3–7 % [R33]), with 2025-26 about 45 % of the way.
-- Second Schedule GEIs are ccts assumptions of the right order (textiles 1.5–5 tCO2e/t,
-- refineries 3–4.5 tCO2e/MBBLS/NRGF with NRGF 6–12, crackers 1.0–1.8, secondary aluminium
-- 0.3–0.6 tCO2e/t). Each entity's achieved reduction is the target's times a factor between 0.6
-- and 1.4, so some over- and some under-achieve; production and fuel use are uncertain (3 % each).
--
-- Common shocks (ccts assumptions, stated here; no source gives them for CCTS entities): entities
-- do not move independently. Each entity's production loads on its sector's demand
-- (`common.demand.<sector>`, normal-scale correlation 0.5) and on the economy (`common.economy`,
-- 0.3), factors drawn once per world for the whole portfolio; its fuel use follows its production
-- (0.95: a plant burns fuel to make its product), so its GEI varies by about 0.95 % a year
-- (3 % × √(2 × (1 − 0.95))) rather than the 3.6 % of independent draws, which swamped the 1.5 %
-- reduction of 2025-26; each verifier finding loads on verifiers' stringency (`common.verifiers`,
-- 0.3). Written as rank correlations, (6/π) asin(ρ/2). At expected values every factor is at its
-- mean; the Monte Carlo mean of CCCs issued is still above the expected-value run's, because an
-- entity issues only when its GEI is below its target (issuance is convex in the GEI): `compare`
-- prints both and says so.
-- Emissions are carried by one fuel line sized to the GEI: domestic coal for the First
-- Schedule (18.9 GJ/t × 96.78 tCO2e/TJ = 1.829 tCO2e per t), natural gas metered in GJ for the
-- Second (0.0561545 tCO2e per GJ). The figures are annual: 2025-26 is each schedule's short first
-- period, taken pro rata (monitored = "full_year").
--
-- Offset supply: one synthetic line of renewable-energy offset credits sold into 2026-27 (see
-- `supply` at the end).
--
-- Verifier findings (ccts assumption): how far accredited verifiers' figures differ from those
-- reported is not published for CCTS entities. Each entity-year's findings are normal(0, 1.2 %) on
-- emissions and normal(0, 0.8 %) on production, so that a finding above the base materiality of
-- 2 % occurs in about one entity-year in ten (P(|Z| > 2 / 1.2) = 9.6 %): enough for a materiality
-- reform to bite, as corrections of that order do in EU ETS verification. At expected values the
-- findings are zero, so materiality reforms show their effect only with --iterations.
--
--   ccts compare Scenarios/portfolio-notified.lua --reform Scenarios/reforms/cement-2026-27-tighter.lua --iterations 10000

local seed = 20251008
local function uniform(a, b)                       -- a fixed linear congruential sequence: the same portfolio every load
  seed = (seed * 1103515245 + 12345) % 2147483648
  return a + (b - a) * seed / 2147483648
end

local COAL = { fuel = "coal_domestic", unit = "t", per_tco2e = 1 / (18.9 * (96.1 + 10 * 28 / 1000 + 1.5 * 265 / 1000) / 1000) }
local GAS = { fuel = "natural_gas", unit = "GJ", per_tco2e = 1 / ((56.1 + 1 * 28 / 1000 + 0.1 * 265 / 1000) / 1000) }
local SOURCE = "synthetic entity of portfolio-notified-2025.lua; sector spreads from SOURCES.md"

-- Common shocks (see the header): normal-scale loadings, as rank correlations.
local function rank(rho) return 6 / math.pi * math.asin(rho / 2) end
local DEMAND, ECONOMY, FUEL_WITH_OUTPUT, VERIFIERS = 0.5, 0.3, 0.95, 0.3

local entities = {}

-- One entity: `unit` is the product's unit, `options` the product line's extra fields (a refinery's nrgf).
local function add(registration, sector, product, baseline, output, reduction, real, fuel, subsector, unit, options)
  fuel = fuel or COAL
  unit = unit or "t"
  local normaliser = options and options.nrgf or 1
  local r2 = reduction
  local r1 = reduction * 0.45
  if not real then
    target (registration) {
      sector = sector, name = registration .. " (synthetic)",
      baseline = { year = "2023-24", output = output * normaliser, gei = baseline },
      gei = { ["2025-26"] = baseline * (1 - r1), ["2026-27"] = baseline * (1 - r2) },
      source = SOURCE, status = "synthetic",
    }
  end
  local factor = uniform(0.6, 1.4)
  local years, correlations = {}, {}
  for index, year in ipairs({ "2025-26", "2026-27" }) do
    local achieved = baseline * (1 - (index == 1 and r1 or r2) * factor)
    local production = output * (1 + 0.01 * index)
    local burned = achieved * production * normaliser * fuel.per_tco2e
    local line = { product, normal(production, 0.03 * production), unit }
    for key, value in pairs(options or {}) do line[key] = value end
    -- production on the sector's demand and the economy; fuel use with production (and so with both)
    local made = string.format('years["%s"].products.%s.quantity', year, product)
    local burnt = string.format('years["%s"].fuels.%s.quantity', year, fuel.fuel)
    local demand = "common.demand." .. sector
    for _, pair in ipairs({
      { made, demand, DEMAND }, { made, "common.economy", ECONOMY }, { burnt, made, FUEL_WITH_OUTPUT },
      { burnt, demand, FUEL_WITH_OUTPUT * DEMAND }, { burnt, "common.economy", FUEL_WITH_OUTPUT * ECONOMY },
      { string.format('years["%s"].verification.emissions', year), "common.verifiers", VERIFIERS },
    }) do
      correlations[#correlations + 1] = { pair[1], pair[2], rank(pair[3]) }
    end
    years[year] = {
      monitored = index == 1 and "full_year" or nil,
      fuels = { { fuel.fuel, normal(burned, 0.03 * burned), fuel.unit } },
      products = { line },
      verification = { emissions = normal(0, 0.012), production = normal(0, 0.008) },
    }
  end
  entities[#entities + 1] = {
    entity = { registration = registration, sector = sector, subsector = subsector }, years = years,
    correlations = correlations,
  }
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

-- Second Schedule (Amendment Rules, 13 Jan 2026)
local TEXTILE = { { "spinning", "yarn" }, { "processing", "fabric" }, { "fibre", "fibre" }, { "composite", "fabric" } }
for i = 1, 173 do
  local kind = TEXTILE[(i - 1) % 4 + 1]
  add(string.format("TEX-SYN-%03d", i), "textile", kind[2], uniform(1.5, 5.0), uniform(5e3, 80e3), uniform(0.03, 0.07), false, GAS, kind[1])
end
for i = 1, 21 do
  add(string.format("REF-SYN-%03d", i), "refinery", "crude_throughput", uniform(3.0, 4.5), uniform(20e3, 110e3), uniform(0.03, 0.07),
      false, GAS, "refinery", "MBBLS", { nrgf = math.floor(uniform(6, 12) * 10 + 0.5) / 10 })
end
for i = 1, 11 do
  add(string.format("PCH-SYN-%03d", i), "petrochemicals", "olefins", uniform(1.0, 1.8), uniform(0.3e6, 1.5e6), uniform(0.03, 0.07),
      false, GAS, i % 2 == 0 and "naphtha_cracker" or "gas_cracker")
end
for i = 1, 3 do
  add(string.format("ALU-SEC-SYN-%03d", i), "aluminium", "secondary_aluminium", uniform(0.3, 0.6), uniform(30e3, 150e3), uniform(0.03, 0.07),
      false, GAS, "secondary")
end

return portfolio {
  name = "Notified entities 2025-26 (490 over both schedules; 486 synthetic)",
  market = { price = price_path { start = lognormal(2000, 400), drift = 0.05, volatility = 0.3 } },
  entities = entities,
  -- Offset credits from renewable-energy projects registered under the offset mechanism, sold
  -- into the 2026-27 market (SYNTHETIC: no issuance volumes were found; about 1.5 Mt, 80 % of
  -- it delivered on average, asking 250 INR a credit).
  supply = {
    { project = "RE offset projects (synthetic)", type = "renewable_energy", vintage = "2025-26", year = "2026-27",
      credits = lognormal(1.5e6, 3e5), delivered = beta(8, 2), ask = 250 },
  },
}
