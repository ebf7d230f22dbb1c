-- Process materials: tCO2 released per tonne of pure carbonate (stoichiometric, IPCC 2006 Vol 3).
-- Sources: SOURCES.md ([R88]–[R90]).

material "limestone" {
  name = "Limestone / calcite (CaCO3)",
  ef = { 0.4397, "tCO2/t" },
  source = "IPCC 2006 GL Vol 3 Ch 2 Table 2.1 (calcite 0.43971); stoichiometry 44.0095/100.0869 [R88]",
  valid = { from = "2006-04-01" },
}

material "dolomite" {
  name = "Dolomite (CaMg(CO3)2)",
  ef = { 0.4773, "tCO2/t" },
  source = "stoichiometry 2 × 44.0095 / 184.40 (derived); IPCC Table 2.1 value 0.47732 unverified",
  status = "derived",
  valid = { from = "2006-04-01" },
}

material "magnesite" {
  name = "Magnesite (MgCO3)",
  ef = { 0.5220, "tCO2/t" },
  source = "IPCC 2006 GL Vol 3 Ch 2 Table 2.1 [R88]",
  valid = { from = "2006-04-01" },
}

material "soda_ash" {
  name = "Soda ash (Na2CO3)",
  ef = { 0.4149, "tCO2/t" },
  source = "IPCC 2006 GL Vol 3 Ch 2 Table 2.1 [R88]",
  valid = { from = "2006-04-01" },
}

material "clinker" {
  name = "Clinker produced (output-based Tier 1 method)",
  ef = { 0.5304, "tCO2/t" },
  source = "IPCC 2006 GL Vol 3 Ch 2 Eq 2.2 Tier 1: EF_clc 0.52 tCO2/t clinker × CKD correction 1.02 (default) = 0.5304 (GPG 2000's 0.507 superseded) [R89]",
  status = "derived",
  note = "use instead of carbonate inputs, never together with them",
  valid = { from = "2000-04-01" },
}

material "carbon_anode" {
  name = "Prebaked carbon anode consumed in aluminium smelting (per tonne of carbon)",
  ef = { 3.6667, "tCO2/t" },
  source = "IPCC 2006 GL Vol 3 Ch 4 Eq 4.21 (prebake anode consumption): CO2 = net anode carbon × 44/12 = 3.6667 tCO2/t C",
  status = "derived",
  note = "enter net anode consumption as the quantity and its carbon content (100 % − sulphur − ash) as purity",
  valid = { from = "2006-04-01" },
}
