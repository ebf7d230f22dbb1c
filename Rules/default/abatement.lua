-- Default marginal abatement cost curves by sector, for the market model of `ccts compare`:
-- each step is a share of an entity's emissions that it can abate within a compliance year,
-- at one marginal cost (INR/tCO2e) or at costs rising linearly over the share ({ lowest,
-- highest }). Every entity of the sector gets its sector's curve, scaled by its own emissions.
--
-- No Indian sector-level marginal abatement cost curve was found in the sources (SOURCES.md):
-- every curve below is a ccts assumption of the right order, made to be replaced by a
-- regulator's own. The shape is the usual one of industrial curves: energy-efficiency measures
-- at low or negative cost first, then fuel and feedstock switches, then renewable electricity
-- (the largest step for electricity-intensive sectors). Within one compliance year an entity
-- can abate only a few per cent of its emissions, so each curve stops at about a tenth.
-- Measures that pay for themselves without a CCC price are taken to be in the scenarios' own
-- activity data already: the curves start at a positive cost and give the abatement the CCC
-- price adds.

local REASONING = "No sector marginal abatement cost curve for India was found (SOURCES.md). The steps are orders of magnitude: efficiency measures (waste-heat recovery, drives, process control) at low cost (those at negative cost are taken to be in the scenarios already), fuel and feedstock switches at roughly the cost gap of biomass or gas over coal, renewable power at the premium of open-access or captive renewable supply over grid power, per tonne avoided; a one-year curve stops near 10 % of emissions."

abatement "cement" {
  steps = {
    { share = 0.02, cost = { 100, 800 } },     -- waste-heat recovery, drives, kiln control
    { share = 0.03, cost = { 300, 1200 } },    -- more blended cement (clinker factor)
    { share = 0.03, cost = { 1200, 2500 } },   -- alternative fuels and biomass in the kiln
    { share = 0.02, cost = { 2000, 4000 } },   -- renewable power
  },
  source = "ccts assumption: cement abatement curve", status = "assumption", reasoning = REASONING,
}

abatement "pulp_paper" {
  steps = {
    { share = 0.02, cost = { 100, 800 } },     -- steam and drive efficiency
    { share = 0.05, cost = { 500, 2000 } },    -- biomass for coal in the power boilers
    { share = 0.03, cost = { 2000, 4000 } },   -- renewable power
  },
  source = "ccts assumption: pulp and paper abatement curve", status = "assumption", reasoning = REASONING,
}

abatement "chlor_alkali" {
  steps = {
    { share = 0.02, cost = { 100, 800 } },     -- membrane and rectifier efficiency
    { share = 0.08, cost = { 1500, 4000 } },   -- renewable power for the electrolysers
  },
  source = "ccts assumption: chlor-alkali abatement curve", status = "assumption", reasoning = REASONING,
}

abatement "aluminium" {
  steps = {
    { share = 0.01, cost = { 100, 1000 } },    -- cell and anode efficiency
    { share = 0.09, cost = { 2500, 6000 } },   -- renewable power for captive coal
  },
  source = "ccts assumption: aluminium abatement curve", status = "assumption", reasoning = REASONING,
}

abatement "textile" {
  steps = {
    { share = 0.04, cost = { 100, 800 } },     -- steam, compressed air and drive efficiency
    { share = 0.05, cost = { 800, 3000 } },    -- biomass boilers, renewable power
  },
  source = "ccts assumption: textile abatement curve", status = "assumption", reasoning = REASONING,
}

abatement "refinery" {
  steps = {
    { share = 0.03, cost = { 100, 1000 } },    -- heat integration, furnace efficiency, flare recovery
    { share = 0.03, cost = { 1500, 5000 } },   -- fuel switch to gas, renewable power
  },
  source = "ccts assumption: refinery abatement curve", status = "assumption", reasoning = REASONING,
}

abatement "petrochemicals" {
  steps = {
    { share = 0.02, cost = { 100, 1000 } },    -- furnace and compressor efficiency
    { share = 0.03, cost = { 2000, 6000 } },   -- fuel switch, renewable power
  },
  source = "ccts assumption: petrochemicals abatement curve", status = "assumption", reasoning = REASONING,
}
