-- Grid electricity and purchased heat.
-- Grid: CEA CO2 Baseline Database V21.0 (Nov 2025), weighted average emission rate including
-- renewables and captive, excluding imports, tCO2/MWh ([R91][R92]; SOURCES.md).
-- State-level factors: none was found in the sources, so only the national grid is defined;
-- add `grid "<state>" { … }` in a rule set and name it in a scenario's electricity.grid.
-- Renewable electricity (onsite, open access, PPA, green tariff) is zero GHG by clause 17 of the
-- compliance procedure [R17]: scenarios list it under electricity.renewable.

local CEA = "CEA CO2 Baseline Database V21.0 (Nov 2025), weighted average incl. RE [R91][R92]"

grid "national" {
  name = "All-India grid",
  factors = {
    ["2020-21"] = { 0.7026, "tCO2/MWh" },
    ["2021-22"] = { 0.7152, "tCO2/MWh" },
    ["2022-23"] = { 0.7191, "tCO2/MWh" },
    ["2023-24"] = { 0.7290, "tCO2/MWh" },
    ["2024-25"] = { 0.7117, "tCO2/MWh", valid = { from = "2024-04-01", to = "2026-03-31" },
                    status = "assumption",
                    reasoning = "CEA publishes a year's factor about eight months after it ends, after the "
                      .. "compliance documents are due; the latest published factor (2024-25) is assumed to "
                      .. "apply to compliance year 2025-26. It is stale for 2026-27 until V22 is added." },
  },
  source = CEA,
}

heat "steam" {
  name = "Purchased steam / heat from a natural-gas boiler",
  factor = { 0.062333, "tCO2/GJ" },
  source = "derived: IPCC natural gas 56.1 tCO2/TJ ÷ 0.90 boiler efficiency ÷ 1000",
  status = "assumption",
  reasoning = "the procedure names purchased heat but no factor was found; a gas boiler is assumed. "
    .. "Use heat \"steam_coal\" or a Type II supplier factor where it applies",
  valid = { from = "2006-04-01" },
}

heat "steam_coal" {
  name = "Purchased steam / heat from a coal boiler",
  factor = { 0.111294, "tCO2/GJ" },
  source = "derived: IPCC other bituminous coal 94.6 tCO2/TJ ÷ 0.85 boiler efficiency ÷ 1000",
  status = "assumption",
  reasoning = "no CCTS heat factor was found; an 85 % efficient coal boiler is assumed",
  valid = { from = "2006-04-01" },
}
