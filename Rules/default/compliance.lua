-- Compliance: credits, banking, offsets, environmental compensation, prices.
-- Formula: CCCs = (GEI target − GEI achieved) × equivalent product output [R43][R44][R45].

compliance {
  gei_decimals = 6,
  issue_rounding = "floor",
  surrender_rounding = "ceil",

  banking = {
    allowed = true,
    max_carried = nil,  -- no limit
  },

  offsets = {
    allowed = true,
    eligible_types = {
      "renewable_energy", "green_hydrogen", "industrial_energy_efficiency", "landfill_methane",
      "mangrove_afforestation", "compressed_biogas", "offshore_wind", "biomass_power",
    },
    earliest_vintage = "2025-26",
    max_share = nil,    -- no cap
  },

  compensation = {
    -- Environmental compensation per CCC of shortfall = multiple × average traded price of the
    -- compliance year. May be a function(case) with case.shortfall and case.price.
    multiple = 2,
    status = "verified",
    source = "GHG Emission Intensity Target Rules 2025: EC = 2 × average CCC price of the trading cycle, imposed by CPCB [R45][R26][R29]",
  },

  -- Average traded CCC price, INR/CCC, used when a scenario states none.
  price = {
    ["2025-26"] = { 2167, "INR/CCC" },
  },
  price_source = "ccts assumption: PAT-III ESCert average ≈ Rs 2,167/certificate, Apr–Jul 2024 (derived) [R111]",

  captured_co2_deductible = true,
  exports_deductible = true,

  -- The day, in the calendar year after a compliance year ends, by which its CCCs are
  -- surrendered. Dated trades before it count for the year's surrender; later ones do not.
  surrender_date = "09-30",
  surrender_source = "ccts assumption: surrender deadline not found; 30 September after the year (SOURCES.md)",

  -- First compliance periods shorter than a year, by the schedule of the GEI Target Rules that
  -- lists the sector (sectors.lua: schedule = "First" | "Second").
  periods = {
    First = {
      ["2025-26"] = { from = "2025-10-08", to = "2026-03-31",
        source = "GHG Emission Intensity Target Rules 2025, in force 8 Oct 2025: 2025-26 targets pro rata for the remaining months [R26][R29]",
        status = "assumption",
        reasoning = "The rules compute 2025-26 targets for the months left after notification; the period is read as running from the day the rules came into force, 8 October 2025, to 31 March 2026." },
    },
    Second = {
      ["2025-26"] = { from = "2026-01-01", to = "2026-03-31",
        source = "GEI Target (Amendment) Rules 2025, in force 13 Jan 2026: 2025-26 targets for January–March 2026 only [R30][R31][R33]" },
    },
  },

  -- How the CCC market clears in `ccts compare` (README: the market model): the lowest and
  -- highest price, and when holders bank: "when_dearer" (a later year that clears dearer draws
  -- certificates forward until the prices are equal), "unsold" (only what is left at the floor)
  -- or "none".
  market = {
    floor = 0, ceiling = nil, banking = "when_dearer",
    -- With a ceiling, the regulator sells up to ceiling_reserve CCCs a year at it (none by default:
    -- nobody sells at a ceiling); with a floor, it buys up to floor_purchases a year at it (none:
    -- a long market's surplus stays unsold with its holders, and compare says how much).
    ceiling_reserve = 0, floor_purchases = 0,
    source = "ccts assumption: no CCC price floor or ceiling, and no reserve, was found (SOURCES.md)", status = "assumption",
    reasoning = "The CERC draft regulations leave price discovery to the exchanges and state no floor or ceiling, and no reserve that sells or buys certificates. Holders who may bank (compliance.banking) keep certificates for a year they can foresee to be dearer, as ESCert holders carried certificates between PAT cycles; within a world the later prices are taken as known.",
  },

  -- The greenhouse gases counted in an entity's emissions; a sector may list its own (`gases`).
  covered_gases = { "CO2", "CH4", "N2O", "HFC", "PFC", "SF6" },

  source = "GHG Emission Intensity Target Rules 2025 [R43][R45]; BEE Detailed Procedure (2024) [R16]",
  status = "assumption",
  reasoning = "The rules give the credit formula and the compensation multiple; the rest is not found and assumed here.",
}

assumption {
  rule = "compliance.issue_rounding, compliance.surrender_rounding",
  statement = "Issued CCCs are rounded down and surrender obligations up, to whole certificates; GEI is rounded to 6 decimals first.",
  reasoning = "Certificates are whole units; no rounding rule was found (SOURCES.md). Rounding in the regulator's favour both ways is the conservative reading.",
}

assumption {
  rule = "compliance.banking",
  statement = "All CCCs held at the end of a year carry to the next, without limit or expiry.",
  reasoning = "The procedure allows banking 'as provided in the detailed procedure' but no limit or validity period was found (SOURCES.md); PAT allowed ESCerts to be banked for two cycles.",
}

assumption {
  rule = "compliance.offsets",
  statement = "Obligated entities may retire offset CCCs of the approved methodologies' project types, vintage 2025-26 or later, without a cap.",
  reasoning = "Whether OEs may surrender offset CCCs, and any cap, was not found (SOURCES.md). The eight approved methodologies (Mar 2025) are partly unverified; biomass power follows the Aug 2025 draft.",
}

assumption {
  rule = "compliance.compensation",
  statement = "Paying environmental compensation extinguishes the shortfall; it is not carried to the next year.",
  reasoning = "What happens to the underlying shortfall after EC is paid was not found (SOURCES.md).",
}

assumption {
  rule = "compliance.price",
  statement = "Without a scenario price, CCCs trade at Rs 2,167 in every year.",
  reasoning = "No CCC has traded yet; the PAT-III ESCert average is the most recent Indian certificate price, used as an order of magnitude only. Scenarios should set market.price.",
}

assumption {
  rule = "compliance.captured_co2_deductible, compliance.exports_deductible",
  statement = "Captured CO2 (permanently stored or used) and exported electricity and heat (at the grid and heat factors) are deducted from the entity's emissions.",
  reasoning = "The treatment of exports and captured CO2 under CCTS was not found (SOURCES.md); PAT normalised for electricity export, and CCUS is a named phase-2 offset sector.",
}

assumption {
  rule = "compliance.surrender_date",
  statement = "CCCs for a compliance year are surrendered by 30 September of the calendar year after it ends; the year's issued CCCs and offsets are credited at the surrender. A trade dated on or before that day counts for the surrender; an undated purchase is made just before it and an undated sale after it.",
  reasoning = "No surrender deadline was found (SOURCES.md). Verification reports follow the year's end; PAT gave about six months after the cycle's monitoring for the true-up. Dating trades lets a desk see that a sale before the surrender can leave it short.",
}

assumption {
  rule = "compliance.covered_gases",
  statement = "All six Kyoto gases (CO2, CH4, N2O, HFCs, PFCs, SF6) count in every sector's emissions, unless a sector lists its own gases.",
  reasoning = "The GHG Emission Intensity Target Rules speak of GHG emissions in tCO2e, and the Detailed Procedure covers direct and indirect GHG emissions, but no sector-by-sector list of gases was found (SOURCES.md). Counting every gas the plant reports is the reading that misses nothing; a regulator can narrow it per sector with gases = { … }.",
}
