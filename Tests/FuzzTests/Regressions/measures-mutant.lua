-- target: measures
-- fuzz defect (measures, mutant of Scenarios/measures-cement-rajasthan.lua): message shows a non-finite number: Scenarios/measures-cement-rajasthan.lua: [3].lifetime: is -nan; expected a finite number
-- Abatement measures for the Rajasthan cement plant (cement-rajasthan.lua, benchmark.lua).
-- Costs are illustrative orders of magnitude for a 2.2 Mt/yr plant, in INR; none is from a
-- CCTS source. Targets after 2026-27 (the last notified year) fall 2 % a year.
--
--
--   ccts pathway Scenarios/cement-rajasthan.lua --measures Scenarios/measures-cement-rajasthan.lua
--   ccts pathway Scenarios/benchmark.lua --measures Scenarios/measures-cement-rajasthan.lua --optimise --probability 0.9

return measures {
  discount_rate = 0.10,
  horizon = "2029-30",
  target_reduction = 0.02,

  { name = "Biomass co-firing, 20 % of imported coal", type = "fuel_switch", from = "coal_imported", to = "biomass",
    share = 0.20, start = "2026-27", capex = 350e6, opex = 60e6, lifetime = 15 },
  { name = "Kiln and cooler efficiency, 6 % less fuel", type = "efficiency", fuels = 0.06,
    start = "2026-27", capex = 600e6, opex = 5e6, lifetime = 20 },
  { name = "Solar PPA, 60 GWh a year", type = "renewable_power", mwh = 60000,
    start = "2025-26", capex = 0, opex = 30e6, lifetime = (0/0),
    note = "premium of about 500 INR/MWh over grid power" },
  { name = "Waste-heat recovery, 10 MW", type = "waste_heat", mwh = 60000,
    start = "2027-28", capex = 1200e6, opex = 40e6, lifetime = 25 },
  { name = "CCUS pilot, 50,000 t a year", type = "ccus", tonnes = 50000,
    start = "2028-29", capex = 2500e6, opex = 150e6, lifetime = 20 },
}
