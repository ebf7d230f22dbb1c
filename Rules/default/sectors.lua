-- Sectors, sub-sectors and products with their equivalence factors (t equivalent product per t).
-- Sources: GHG Emission Intensity Target Rules 2025 (8 Oct 2025, First Schedule) and Amendment
-- Rules (13 Jan 2026, Second Schedule) [R26][R30]; sectors of the BEE Detailed Procedure [R17].
-- The sector-specific equivalent-product formulas were not found (not found in the sources, SOURCES.md):
-- every equivalence below is an assumption, overridable per product line with `equivalence = …`.

local FIRST = "GHG Emission Intensity Target Rules 2025, First Schedule (MoEFCC, 8 Oct 2025) [R26][R27]"
local SECOND = "GEI Target (Amendment) Rules 2025, Second Schedule (MoEFCC, 13 Jan 2026) [R30][R31]"
local EQ = "ccts assumption: equivalent-product formula not found"

local function product(name, equivalence, reasoning)
  return { name = name, equivalence = { equivalence, "t/t", source = EQ, status = "assumption",
           reasoning = reasoning or "each tonne counts as one tonne of equivalent product" } }
end

sector "cement" {
  name = "Cement", metric = "tCO2e/t equivalent cement", notified = true, schedule = "First",
  entities = 186,
  subsectors = { "integrated", "grinding", "clinkerisation", "white" },
  baseline_year = "2023-24",
  products = {
    opc = product("Ordinary Portland cement", 1.0),
    ppc = product("Portland pozzolana cement", 1.0),
    psc = product("Portland slag cement", 1.0),
    composite = product("Composite cement", 1.0),
    clinker_sold = product("Clinker sold outside the boundary", 1.0,
      "clinker sold counts as cement one for one, as PAT counted exported clinker in equivalent cement; a reform may weight it higher"),
  },
  source = FIRST,
}

sector "aluminium" {
  name = "Aluminium", metric = "tCO2e/t equivalent product", notified = true, schedule = "First",
  entities = 13,
  subsectors = { "smelter", "refinery", "secondary" },
  subsector_schedules = { secondary = "Second" },   -- the 3 secondary units were added by the Amendment Rules
  baseline_year = "2023-24",
  products = {
    aluminium = product("Primary aluminium (hot metal)", 1.0),
    alumina = product("Calcined alumina (refinery)", 1.0),
    secondary_aluminium = product("Secondary aluminium", 1.0),
  },
  source = FIRST .. "; secondary aluminium (3 units): " .. SECOND,
}

sector "chlor_alkali" {
  name = "Chlor-alkali", metric = "tCO2e/t caustic soda", notified = true, schedule = "First",
  entities = 30,
  subsectors = { "membrane" },
  baseline_year = "2023-24",
  products = {
    caustic_soda = product("Caustic soda (100 % NaOH basis)", 1.0,
      "the PAT chlor-alkali norm was per tonne of caustic soda; chlorine and hydrogen are co-products"),
  },
  source = FIRST,
}

sector "pulp_paper" {
  name = "Pulp and paper", metric = "tCO2e/t equivalent product", notified = true, schedule = "First",
  entities = 53,
  subsectors = { "integrated", "rcf", "agro", "specialty" },
  baseline_year = "2023-24",
  products = {
    paper = product("Paper", 1.0),
    paperboard = product("Paperboard", 1.0),
    newsprint = product("Newsprint", 1.0),
    market_pulp = product("Market pulp", 1.0),
  },
  source = FIRST,
}

sector "textile" {
  name = "Textile", metric = "tCO2e/t equivalent product", notified = true, schedule = "Second",
  entities = 173,
  subsectors = { "composite", "fibre", "spinning", "processing" },
  baseline_year = "2023-24",
  products = {
    fibre = product("Fibre", 1.0), yarn = product("Yarn", 1.0), fabric = product("Processed fabric", 1.0),
  },
  source = SECOND,
}

sector "refinery" {
  name = "Petroleum refinery", metric = "tCO2e/MBBLS/NRGF", notified = true, schedule = "Second",
  entities = 21,
  subsectors = { "refinery" },
  baseline_year = "2023-24",
  products = {
    crude_throughput = {
      name = "Crude processed, thousand barrels (MBBLS), normalised by the refinery's NRGF",
      unit = "MBBLS", normaliser = "nrgf",
      equivalence = { 1.0, "t/t", source = EQ, status = "assumption",
        reasoning = "the metric is tCO2e per MBBLS per NRGF [R30][R33]: equivalent output = MBBLS × NRGF; the NRGF formula was not found, so each line states its refinery's NRGF (nrgf = …)" },
    },
  },
  source = SECOND .. "; metric [R30][R33]",
}

sector "petrochemicals" {
  name = "Petrochemicals (gas / naphtha crackers)", metric = "tCO2e/t equivalent product", notified = true,
  schedule = "Second", entities = 11,
  subsectors = { "gas_cracker", "naphtha_cracker" },
  baseline_year = "2023-24",
  products = { olefins = product("Ethylene and propylene", 1.0) },
  source = SECOND,
}

sector "iron_steel" {
  name = "Iron and steel", metric = "tCO2/t crude steel", notified = false,
  subsectors = { "integrated", "sponge_iron" },
  baseline_year = "2023-24",
  products = { crude_steel = product("Crude steel", 1.0), sponge_iron = product("Sponge iron (DRI) sold", 1.0) },
  source = "BEE Detailed Procedure (2024) sector list [R17]; targets withheld pending review [R35][R36]",
  note = "proposed trajectory 2.54 tCO2/tcs (2023-24) to 2.2 by 2029-30 [R36]; no notified targets",
}

sector "fertiliser" {
  name = "Fertiliser", metric = "tCO2e/t equivalent product", notified = false,
  subsectors = { "ammonia_urea" },
  baseline_year = "2023-24",
  products = { urea = product("Urea", 1.0), ammonia = product("Ammonia", 1.0) },
  source = "BEE Detailed Procedure (2024) sector list [R17]; no notified targets",
}
