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

-- PFCs from anode effects in primary aluminium smelting, Tier 1 (kg per tonne of aluminium),
-- IPCC 2006 GL Vol 3 Ch 4 Table 4.15. A scenario writes
--   anode_effects = { technology = "CWPB", aluminium = { 600000, "t" } }
-- or, with measured anode effects (Tier 2 slope method, Eq 4.26 and 4.27),
--   anode_effects = { slope = 0.143, minutes = 0.3, c2f6_ratio = 0.121, aluminium = { 600000, "t" } }.
local PFC_TIER1 = "IPCC 2006 GL Vol 3 Ch 4 Table 4.15 (Tier 1 PFC emission factors)"

anode_effects "CWPB" {
  name = "Centre-worked prebake", CF4 = { 0.4, "kg/t" }, C2F6 = { 0.04, "kg/t" },
  source = PFC_TIER1, valid = { from = "2006-04-01" },
}

anode_effects "SWPB" {
  name = "Side-worked prebake", CF4 = { 1.6, "kg/t" }, C2F6 = { 0.4, "kg/t" },
  source = PFC_TIER1, valid = { from = "2006-04-01" },
}

anode_effects "VSS" {
  name = "Vertical stud Søderberg", CF4 = { 0.8, "kg/t" }, C2F6 = { 0.04, "kg/t" },
  source = PFC_TIER1, valid = { from = "2006-04-01" },
}

anode_effects "HSS" {
  name = "Horizontal stud Søderberg", CF4 = { 0.4, "kg/t" }, C2F6 = { 0.03, "kg/t" },
  source = PFC_TIER1, valid = { from = "2006-04-01" },
}
