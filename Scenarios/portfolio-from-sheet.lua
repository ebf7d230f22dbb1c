-- A portfolio whose entities all come from one Excel sheet: a regulator's list of obligated
-- entities kept in data/entities.xlsx (sheet "entities", one row per entity: registration, name,
-- sector, product, output, baseline GEI, the 2025-26 and 2026-27 targets and the natural gas burned
-- each year, in GJ). All figures are SYNTHETIC. Each compliance year's figures are those of the
-- period itself (monitored = "period"); emissions are the gas burned at 0.0561545 tCO2e/GJ.
--
-- rows_from checks every declared column in every row and names the sheet, row and column of a
-- value that is not what it should be (`data/entities.xlsx, sheet "entities", row 4, column
-- "output": expected a number, found "2,400,000"`). The workbook is read by ccts, not Lua, only
-- from this file's folder, and kept with every stored run.
--
--   ccts compare Scenarios/portfolio-from-sheet.lua --reform Scenarios/reforms/cement-2026-27-tighter.lua

local rows = rows_from("data/entities.xlsx", { sheet = "entities", columns = {
  registration = "text", name = "text", sector = "text", product = "text", output = "number",
  baseline_gei = "number", target_2025_26 = "number", target_2026_27 = "number",
  gas_2025_26 = "number", gas_2026_27 = "number",
} })

local entities = {}
for _, e in ipairs(rows) do
  target (e.registration) {
    sector = e.sector, name = e.name,
    baseline = { year = "2023-24", output = e.output, gei = e.baseline_gei },
    gei = { ["2025-26"] = e.target_2025_26, ["2026-27"] = e.target_2026_27 },
    source = "data/entities.xlsx (synthetic)", status = "synthetic",
  }
  local years = {}
  for year, gas in pairs({ ["2025-26"] = e.gas_2025_26, ["2026-27"] = e.gas_2026_27 }) do
    years[year] = {
      monitored = "period",
      fuels = { { "natural_gas", gas, e.gas_2025_26_unit } },
      products = { { e.product, e.output, e.output_unit } },
    }
  end
  entities[#entities + 1] = { entity = { registration = e.registration, name = e.name, sector = e.sector }, years = years }
end

return portfolio {
  name = "Obligated entities from data/entities.xlsx (synthetic)",
  market = { price = 2000 },
  entities = entities,
}
