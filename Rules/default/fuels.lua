-- Fuels: Type I default NCV and emission factors.
-- NCV and CO2 factors: IPCC 2006 Guidelines Vol 2 Ch 1, Tables 1.2 (NCV) and 1.4 (CO2), default
-- values as transcribed in SOURCES.md [R76]; the 95 % ranges there are unverified.
-- CH4 and N2O: IPCC 2006 Vol 2 Ch 2 Table 2.3 (manufacturing industries), unverified (§7.2),
-- consistent with 40 CFR 98 Table C-2 [R79].
-- Units: ncv GJ/t (= TJ/Gg), co2 t/TJ, ch4 and n2o kg/TJ, density t/kL (liquids) or kg/Sm3 (gases).

local IPCC_CH1 = "IPCC 2006 GL Vol 2 Ch 1 Tables 1.2 (NCV) and 1.4 (CO2 EF)"
local IPCC_CH2 = "IPCC 2006 GL Vol 2 Ch 2 Table 2.3 (stationary combustion, manufacturing)"
local IPCC_CH3 = "IPCC 2006 GL Vol 2 Ch 3 Table 3.2.2 (road transport CH4 and N2O)"
local IPCC_OFFROAD = "IPCC 2006 GL Vol 2 Ch 3 Table 3.3.1 (off-road vehicles and other machinery: industry, diesel)"
local SINCE_2006 = { from = "2006-04-01" }

fuel "coal_domestic" {
  name = "Indian domestic thermal coal (IPCC sub-bituminous)",
  ncv = { 18.9, "GJ/t", range = { 11.5, 26.0 } },
  co2 = { 96.1, "t/TJ", range = { 92.8, 100.0 } },
  ch4 = { 10, "kg/TJ", source = IPCC_CH2, status = "unverified" },
  n2o = { 1.5, "kg/TJ", source = IPCC_CH2, status = "unverified" },
  source = IPCC_CH1 .. "; sub-bituminous values as used for Indian coal by an Indian CDM calculator [R78]",
  note = "Indian thermal coal is 3,500–5,500 kcal/kg GCV with > 40 % ash [R95]; a plant's Type II NCV should replace this",
  valid = SINCE_2006,
}

fuel "coal_imported" {
  name = "Imported coal (IPCC other bituminous)",
  ncv = { 25.8, "GJ/t", range = { 19.9, 30.5 } },
  co2 = { 94.6, "t/TJ", range = { 89.5, 99.7 } },
  ch4 = { 10, "kg/TJ", source = IPCC_CH2, status = "unverified" },
  n2o = { 1.5, "kg/TJ", source = IPCC_CH2, status = "unverified" },
  source = IPCC_CH1,
  valid = SINCE_2006,
}

fuel "lignite" {
  name = "Lignite",
  ncv = { 11.9, "GJ/t", range = { 5.5, 21.6 } },
  co2 = { 101.0, "t/TJ", range = { 90.9, 115.0 } },
  ch4 = { 10, "kg/TJ", source = IPCC_CH2, status = "unverified" },
  n2o = { 1.5, "kg/TJ", source = IPCC_CH2, status = "unverified" },
  source = IPCC_CH1,
  valid = SINCE_2006,
}

fuel "natural_gas" {
  name = "Natural gas",
  ncv = { 48.0, "GJ/t", range = { 46.5, 50.4 } },
  co2 = { 56.1, "t/TJ", range = { 54.3, 58.3 } },
  ch4 = { 1, "kg/TJ", source = IPCC_CH2, status = "unverified" },
  n2o = { 0.1, "kg/TJ", source = IPCC_CH2, status = "unverified" },
  density = { 0.75, "kg/Sm3", source = "ccts assumption", status = "assumption",
              reasoning = "no Indian pipeline-gas density was found; 0.75 kg/Sm3 is typical of lean natural gas at 15 °C. Give a Type II NCV per Sm3 by metering in GJ where the supplier states energy" },
  source = IPCC_CH1,
  valid = SINCE_2006,
}

fuel "diesel" {
  name = "Gas/diesel oil (stationary)",
  ncv = { 43.0, "GJ/t", range = { 41.4, 43.3 } },
  co2 = { 74.1, "t/TJ", range = { 72.6, 74.8 } },
  ch4 = { 3, "kg/TJ", source = IPCC_CH2, status = "unverified" },
  n2o = { 0.6, "kg/TJ", source = IPCC_CH2, status = "unverified" },
  density = { 0.84, "t/kL", source = "ccts assumption", status = "assumption",
              reasoning = "typical density of Indian high-speed diesel (BIS IS 1460 allows 0.82–0.86 t/kL); not in the domain sources" },
  source = IPCC_CH1,
  valid = SINCE_2006,
}

fuel "fuel_oil" {
  name = "Residual fuel oil (furnace oil)",
  ncv = { 40.4, "GJ/t", range = { 39.8, 41.7 } },
  co2 = { 77.4, "t/TJ", range = { 75.5, 78.8 } },
  ch4 = { 3, "kg/TJ", source = IPCC_CH2, status = "unverified" },
  n2o = { 0.6, "kg/TJ", source = IPCC_CH2, status = "unverified" },
  density = { 0.94, "t/kL", source = "ccts assumption", status = "assumption",
              reasoning = "typical furnace-oil density; not in the domain sources" },
  source = IPCC_CH1,
  valid = SINCE_2006,
}

fuel "petcoke" {
  name = "Petroleum coke",
  ncv = { 32.5, "GJ/t", range = { 29.7, 41.9 } },
  co2 = { 97.5, "t/TJ", range = { 82.9, 115.0 } },
  ch4 = { 3, "kg/TJ", source = IPCC_CH2, status = "unverified" },
  n2o = { 0.6, "kg/TJ", source = IPCC_CH2, status = "unverified" },
  source = IPCC_CH1,
  valid = SINCE_2006,
}

fuel "lpg" {
  name = "Liquefied petroleum gas",
  ncv = { 47.3, "GJ/t", range = { 44.8, 52.2 } },
  co2 = { 63.1, "t/TJ", range = { 61.6, 65.6 } },
  ch4 = { 1, "kg/TJ", source = IPCC_CH2 .. " (liquefied petroleum gases row)" },
  n2o = { 0.1, "kg/TJ", source = IPCC_CH2 .. " (liquefied petroleum gases row)" },
  density = { 0.54, "t/kL", source = "ccts assumption", status = "assumption",
              reasoning = "typical liquid density of commercial LPG; not in the domain sources" },
  source = IPCC_CH1,
  valid = SINCE_2006,
}

fuel "biomass" {
  name = "Wood / wood waste and other solid biomass",
  ncv = { 15.6, "GJ/t", range = { 7.9, 31.0 } },
  co2 = { 112.0, "t/TJ", range = { 95.0, 132.0 } },
  ch4 = { 30, "kg/TJ", source = IPCC_CH2, status = "unverified" },
  n2o = { 4, "kg/TJ", source = IPCC_CH2, status = "unverified" },
  biogenic = true,
  source = IPCC_CH1,
  note = "CO2 reported as zero (biogenic); CH4 and N2O count",
  valid = SINCE_2006,
}

fuel "diesel_mobile" {
  name = "Diesel in road vehicles on site (IPCC road transport); for quarry and yard machinery use diesel_offroad",
  ncv = { 43.0, "GJ/t", range = { 41.4, 43.3 } },
  co2 = { 74.1, "t/TJ", range = { 72.6, 74.8 } },
  ch4 = { 3.9, "kg/TJ", source = IPCC_CH3, status = "unverified" },
  n2o = { 3.9, "kg/TJ", source = IPCC_CH3, status = "unverified" },
  density = { 0.84, "t/kL", source = "ccts assumption", status = "assumption",
              reasoning = "as for stationary diesel" },
  source = IPCC_CH1,
  valid = SINCE_2006,
}

fuel "diesel_offroad" {
  name = "Diesel in off-road machinery: quarry, mining and yard equipment (IPCC off-road)",
  ncv = { 43.0, "GJ/t", range = { 41.4, 43.3 } },
  co2 = { 74.1, "t/TJ", range = { 72.6, 74.8 } },
  ch4 = { 4.15, "kg/TJ", source = IPCC_OFFROAD },
  n2o = { 28.6, "kg/TJ", source = IPCC_OFFROAD },
  density = { 0.84, "t/kL", source = "ccts assumption", status = "assumption",
              reasoning = "as for stationary diesel" },
  source = IPCC_CH1,
  valid = SINCE_2006,
}

fuel "black_liquor" {
  name = "Black liquor (kraft pulping; biogenic)",
  ncv = { 11.8, "GJ/t", range = { 5.9, 23 } },
  co2 = { 95.3, "t/TJ", range = { 80.7, 110 } },
  ch4 = { 3, "kg/TJ", source = IPCC_CH2 .. " (black liquor row)" },
  n2o = { 2, "kg/TJ", source = IPCC_CH2 .. " (black liquor row)" },
  biogenic = true,
  source = IPCC_CH1 .. " (black liquor: NCV Table 1.2, CO2 Table 1.4; biogenic, reported as zero CO2)",
  valid = SINCE_2006,
}

fuel "petrol_mobile" {
  name = "Motor gasoline in on-site vehicles",
  ncv = { 44.3, "GJ/t", range = { 42.5, 44.8 } },
  co2 = { 69.3, "t/TJ", range = { 67.5, 73.0 } },
  ch4 = { 33, "kg/TJ", source = IPCC_CH3, status = "unverified" },
  n2o = { 3.2, "kg/TJ", source = IPCC_CH3, status = "unverified" },
  density = { 0.74, "t/kL", source = "ccts assumption", status = "assumption",
              reasoning = "typical density of Indian motor spirit" },
  source = IPCC_CH1,
  valid = SINCE_2006,
}

-- Iron and steel: coal for coke ovens and the gases the works make and burn (IPCC 2006 Vol 2
-- Ch 1 Tables 1.2 and 1.4; CH4 and N2O Ch 2 Table 2.3). A works that meters its gases in Nm3
-- enters them in GJ or TJ (energy units skip the NCV). Coke or coking coal charged to a blast
-- furnace as reductant is process carbon (process.lua, the mass balance), not fuel: enter the
-- same tonnes in one place only.
local STEEL_GAS_NOTE = "a works gas burned on site: its carbon was counted once already if the coal or coke "
  .. "that made it is in a mass balance (process.lua); enter it here only when it is not"

-- A steel-works fuel: NCV (GJ/t) and CO2 (t/TJ) of Tables 1.2 and 1.4, CH4 and N2O (kg/TJ) of Table 2.3.
local function works_fuel(name, ipcc, ncv, co2, ch4, n2o, note)
  return { name = name, ncv = { ncv, "GJ/t" }, co2 = { co2, "t/TJ" },
           ch4 = { ch4, "kg/TJ", source = IPCC_CH2 }, n2o = { n2o, "kg/TJ", source = IPCC_CH2 },
           source = IPCC_CH1 .. ": " .. ipcc, status = "unverified", note = note, valid = SINCE_2006 }
end

fuel "coking_coal"       (works_fuel("Coking coal", "coking coal", 28.2, 94.6, 10, 1.5))
fuel "coke"              (works_fuel("Coke oven coke (metallurgical coke)", "coke oven coke and lignite coke",
                                     28.2, 107.0, 10, 1.5))
fuel "coke_oven_gas"     (works_fuel("Coke oven gas (COG)", "coke oven gas", 38.7, 44.4, 1, 0.1, STEEL_GAS_NOTE))
fuel "blast_furnace_gas" (works_fuel("Blast furnace gas (BFG)", "blast furnace gas", 2.47, 260, 1, 0.1,
                                     STEEL_GAS_NOTE))
fuel "converter_gas"     (works_fuel("Basic oxygen furnace (converter) gas (BOFG)", "oxygen steel furnace gas",
                                     7.06, 182, 1, 0.1, STEEL_GAS_NOTE))
