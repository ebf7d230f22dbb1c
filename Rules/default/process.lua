-- Process materials: tCO2 released per tonne of pure carbonate, at the precision IPCC 2006 Vol 3
-- Ch 2 Table 2.1 prints them (each is 44.0095 / the carbonate's molecular weight, per CO3 group).
-- Sources: SOURCES.md ([R88]–[R90]).
local TABLE_2_1 = "IPCC 2006 GL Vol 3 Ch 2 §2.1 Table 2.1 (carbonates: molecular weight and emission factor) [R88]"

material "limestone" {
  name = "Limestone / calcite (CaCO3)",
  ef = { 0.43971, "tCO2/t" },
  source = TABLE_2_1 .. ": calcite 0.43971 (MW 100.0869)",
  valid = { from = "2006-04-01" },
}

material "dolomite" {
  name = "Dolomite (CaMg(CO3)2)",
  ef = { 0.47732, "tCO2/t" },
  source = TABLE_2_1 .. ": dolomite 0.47732 (MW 184.4008, two CO3 groups)",
  valid = { from = "2006-04-01" },
}

material "magnesite" {
  name = "Magnesite (MgCO3)",
  ef = { 0.52197, "tCO2/t" },
  source = TABLE_2_1 .. ": magnesite 0.52197 (MW 84.3139)",
  valid = { from = "2006-04-01" },
}

material "soda_ash" {
  name = "Soda ash (Na2CO3)",
  ef = { 0.41492, "tCO2/t" },
  source = TABLE_2_1 .. ": sodium carbonate 0.41492 (MW 106.0685 as printed)",
  valid = { from = "2006-04-01" },
}

material "clinker" {
  name = "Clinker produced (output-based Tier 1 method)",
  ef = { 0.52, "tCO2/t" },
  source = "IPCC 2006 GL Vol 3 Ch 2 §2.2.1.2 (p. 2.11), Tier 1 default EF_clc = 0.52 tCO2/t clinker, "
    .. "which already includes the cement kiln dust correction (0.51 × 1.02); the 1.02 multiplies only a Tier 2 factor "
    .. "computed from the plant's CaO content [R89]",
  note = "use instead of carbonate inputs, never together with them",
  valid = { from = "2000-04-01" },
}

material "carbon_anode" {
  name = "Prebaked carbon anode consumed in aluminium smelting (per tonne of carbon)",
  ef = { 44 / 12, "tCO2/t" },
  source = "IPCC 2006 GL Vol 3 Ch 4 Eq 4.21 (prebake anode consumption): CO2 = net anode carbon × 44/12",
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
