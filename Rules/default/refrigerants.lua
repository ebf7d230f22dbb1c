-- Refrigerants and other fluorinated gases: GWP-100 per assessment report; leaks (top-ups) count
-- as fugitive emissions; CF4 and C2F6 also come from aluminium smelting's anode effects
-- (process.lua), SF6 from switchgear.
-- Every gas has a GWP in every set offered (SAR, AR4, AR5, AR6), so that the set in force can be
-- switched (gwp.lua). Blends are computed from their components by mass fraction, never typed in.
-- Sources: SOURCES.md ([R84]–[R87]).

local TABLES = "IPCC SAR WG1 (1995) Table 2.9; AR4 WG1 (2007) Table 2.14; AR5 WG1 (2013) Table 8.A.1; AR6 WG1 (2021) Table 7.SM.7"

refrigerant "R-134a" {
  name = "HFC-134a",
  gwp = { SAR = 1300, AR4 = 1430, AR5 = 1300, AR6 = 1530 },
  source = TABLES .. " [R84][R87]",
}

refrigerant "R-32" {
  name = "HFC-32",
  gwp = { SAR = 650, AR4 = 675, AR5 = 677, AR6 = 771 },
  source = TABLES .. " [R84][R87]",
}

refrigerant "R-125" {
  name = "HFC-125",
  gwp = { SAR = 2800, AR4 = 3500, AR5 = 3170, AR6 = 3740 },
  source = TABLES .. " [R84][R87]",
}

refrigerant "R-143a" {
  name = "HFC-143a",
  gwp = { SAR = 3800, AR4 = 4470, AR5 = 4800, AR6 = 5810 },
  source = TABLES .. " [R84][R87]",
}

refrigerant "R-410A" {
  name = "R-410A (HFC-32 / HFC-125, 50/50 by mass)",
  blend = { ["R-32"] = 0.50, ["R-125"] = 0.50 },
  source = "ASHRAE Standard 34 composition; GWP the mass-weighted sum of its components'",
  status = "derived",
}

refrigerant "R-404A" {
  name = "R-404A (HFC-125 / HFC-143a / HFC-134a, 44/52/4 by mass)",
  blend = { ["R-125"] = 0.44, ["R-143a"] = 0.52, ["R-134a"] = 0.04 },
  source = "ASHRAE Standard 34 composition; GWP the mass-weighted sum of its components'",
  status = "derived",
}

refrigerant "R-407C" {
  name = "R-407C (HFC-32 / HFC-125 / HFC-134a, 23/25/52 by mass)",
  blend = { ["R-32"] = 0.23, ["R-125"] = 0.25, ["R-134a"] = 0.52 },
  source = "ASHRAE Standard 34 composition; GWP the mass-weighted sum of its components'",
  status = "derived",
}

refrigerant "CF4" {
  name = "Tetrafluoromethane (PFC-14)", group = "PFC",
  gwp = { SAR = 6500, AR4 = 7390, AR5 = 6630, AR6 = 7380 },
  source = TABLES,
}

refrigerant "C2F6" {
  name = "Hexafluoroethane (PFC-116)", group = "PFC",
  gwp = { SAR = 9200, AR4 = 12200, AR5 = 11100, AR6 = 12400 },
  source = TABLES,
}

refrigerant "SF6" {
  name = "Sulphur hexafluoride (switchgear)", group = "SF6",
  gwp = { SAR = 23900, AR4 = 22800, AR5 = 23500, AR6 = 25200 },
  source = TABLES,
  note = "AR6 25,200 is Table 7.SM.7's, the table of every other AR6 value here and of CH4 29.8 (gwp.lua); "
    .. "the 24,300 used before came from another compilation",
}
