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

material "siderite" {
  name = "Siderite (FeCO3), a carbonate iron ore",
  ef = { 0.37987, "tCO2/t" },
  source = TABLE_2_1 .. ": siderite 0.37987 (MW 115.8539)",
  valid = { from = "2006-04-01" },
}

-- Iron and steel, IPCC 2006 GL Vol 3 Ch 4 §4.2 [R112]. Two ways to describe a works, never both:
--  - Tier 2 mass balance (Eq 4.9): each carbon input released as CO2 (its carbon content of
--    Table 4.3 × 44/12), each carbon output (steel, pig iron, DRI sold, gases exported) subtracted
--    (`output = true`). Fluxes are the carbonates above (limestone, dolomite).
--  - Tier 1 (Table 4.1): a factor per tonne of each product, covering the process's fuels and
--    reductants; then the coke and coal those factors cover are not entered as fuels.
local TABLE_4_3 = "IPCC 2006 GL Vol 3 Ch 4 §4.2.2.3 Table 4.3 (carbon contents, kg C/kg), × 44/12 [R112]"
local TABLE_4_1 = "IPCC 2006 GL Vol 3 Ch 4 §4.2.2.3 Table 4.1 (Tier 1 CO2 factors, t CO2/t product) [R112]"
local STEEL = { from = "2006-04-01" }

-- A steel line: its factor in tCO2/t, the table it comes from, and whether its carbon leaves.
local function steel(name, ef, source, note, output)
  return { name = name, ef = { ef, "tCO2/t" }, output = output, source = source, status = "unverified",
           note = note, valid = STEEL }
end
local function carbon(name, c, note, output)
  return steel(name, c * 44 / 12, TABLE_4_3 .. ": " .. c .. " t C/t", note, output)
end

material "coke_reductant"        (carbon("Coke charged as reductant (mass balance input)", 0.83,
                                         "coke burned as fuel is the fuel 'coke'; the same tonnes in one place only"))
material "coking_coal_charged"   (carbon("Coking coal charged to coke ovens (mass balance input)", 0.73))
material "coal_injected"         (carbon("Coal injected into the blast furnace (mass balance input)", 0.67))
material "eaf_electrodes"        (carbon("EAF carbon electrodes consumed", 0.82))
material "eaf_charge_carbon"     (carbon("EAF charge carbon", 0.83))
material "dri_charged"           (carbon("Direct reduced iron charged (bought in)", 0.02))
material "pig_iron_charged"      (carbon("Pig iron charged (bought in)", 0.04))
material "scrap"                 (carbon("Scrap iron and steel charged", 0.04))
material "crude_steel_out"       (carbon("Crude steel produced (carbon leaving)", 0.01, nil, true))
material "pig_iron_out"          (carbon("Pig iron sold, not made into steel (carbon leaving)", 0.04, nil, true))
material "dri_out"               (carbon("Direct reduced iron sold (carbon leaving)", 0.02, nil, true))
material "coke_out"              (carbon("Coke sold (carbon leaving)", 0.83, nil, true))
material "blast_furnace_gas_out" (carbon("Blast furnace gas sent out of the boundary (carbon leaving)", 0.17, nil, true))
material "coke_oven_gas_out"     (carbon("Coke oven gas sent out of the boundary (carbon leaving)", 0.47, nil, true))
material "converter_gas_out"     (carbon("Converter gas sent out of the boundary (carbon leaving)", 0.35, nil, true))

material "iron_ore" {
  name = "Iron ore (hematite, magnetite): no carbon",
  ef = { 0, "tCO2/t" },
  source = "ccts assumption: oxide ores (Fe2O3, Fe3O4) carry no carbon; a carbonate ore is entered as siderite",
  status = "assumption",
  reasoning = "IPCC's mass balance (Vol 3 Ch 4 Eq 4.9) counts carbon-bearing inputs only; listing the ore lets a works "
    .. "state its burden without its tonnes changing the CO2",
  valid = STEEL,
}

local function tier1(name, ef)
  return steel(name, ef, TABLE_4_1 .. ": " .. ef,
               "output-based Tier 1: never together with a mass balance or the fuels it covers")
end

material "steel_bof"     (tier1("Crude steel, basic oxygen furnace route (Tier 1)", 1.46))
material "steel_eaf"     (tier1("Crude steel, electric arc furnace (Tier 1)", 0.08))
material "steel_ohf"     (tier1("Crude steel, open hearth furnace (Tier 1)", 1.72))
material "pig_iron_made" (tier1("Pig iron not made into steel (Tier 1)", 1.35))
material "dri_made"      (tier1("Direct reduced iron produced (Tier 1)", 0.70))
material "sinter_made"   (tier1("Sinter produced (Tier 1)", 0.20))
material "pellets_made"  (tier1("Pellets produced (Tier 1)", 0.03))
material "coke_made"     (tier1("Metallurgical coke produced (Tier 1)", 0.56))

-- Fertiliser: ammonia and urea, IPCC 2006 GL Vol 3 Ch 3 §3.2 [R113].
material "ammonia_natural_gas" {
  name = "Ammonia from natural gas (Tier 1: fuel and feedstock, per tonne NH3)",
  ef = { 2.104, "tCO2/t" },
  source = "IPCC 2006 GL Vol 3 Ch 3 §3.2.2.2 Table 3.1 (average natural-gas plant: 37.5 GJ/t NH3, 2.104 tCO2/t NH3) [R113]",
  status = "unverified",
  note = "covers the gas burned and the gas reformed: never together with that gas under fuels. With metered gas, "
    .. "enter it as the fuel natural_gas instead (56.1 tCO2/TJ = 15.3 kg C/GJ × 44/12, Eq 3.1's carbon content)",
  valid = { from = "2006-04-01" },
}

material "urea_out" {
  name = "Urea produced: CO2 bound in it (subtracted)",
  ef = { 44 / 60, "tCO2/t" },
  output = true,
  source = "IPCC 2006 GL Vol 3 Ch 3 §3.2.2.1 Eq 3.1 (R_CO2, CO2 recovered for urea: urea × 44/60, "
    .. "one CO2 per CO(NH2)2) [R113]",
  status = "assumption",
  reasoning = "IPCC subtracts urea-bound CO2 from ammonia production and counts it where the urea is applied "
    .. "(AFOLU); whether CCTS GEI does the same was not found. Leave the line out, or set this factor to 0, "
    .. "to count it at the plant",
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
