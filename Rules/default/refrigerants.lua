-- Refrigerants: GWP-100 per assessment report; leaks (top-ups) count as fugitive emissions.
-- Sources: SOURCES.md ([R84]–[R86]).

refrigerant "R-134a" {
  name = "HFC-134a",
  gwp = { AR4 = 1430, AR5 = 1300, AR6 = 1530 },
  source = "IPCC AR5 WG1 Table 8.A.1; AR6 WG1 Table 7.SM.7; AR4 as in 40 CFR 98 Table A-1",
}

refrigerant "R-410A" {
  name = "R-410A (50/50 HFC-32 / HFC-125 by mass)",
  gwp = { AR5 = 1924, AR6 = 2256 },
  source = "derived from HFC-32 and HFC-125: AR5 (677 + 3170)/2 = 1923.5; AR6 (771 + 3740)/2 = 2255.5",
  status = "derived",
}

refrigerant "R-32" {
  name = "HFC-32",
  gwp = { AR5 = 677, AR6 = 771 },
  source = "IPCC AR5 WG1 Table 8.A.1; AR6 WG1 Table 7.SM.7",
}

refrigerant "R-125" {
  name = "HFC-125",
  gwp = { AR5 = 3170, AR6 = 3740 },
  source = "IPCC AR5 WG1 Table 8.A.1; AR6 WG1 Table 7.SM.7",
}
