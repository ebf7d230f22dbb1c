-- target: rule default/targets.lua
-- fuzz defect (rule, mutant of default/targets.lua): message names no file: rule files: targets.alUminium: targets for unknown sector 'alUminium'; did you mean 'aluminium'?
-- Entity-level GEI targets (tCO2e/t equivalent product), baseline year 2023-24.
-- Registration identifiers here are ccts placeholders: the official registration numbers are not
-- in the sources (SOURCES.md). Cement and chlor-alkali entity values were not found; scenarios
-- for those sectors state their own targets (entity.targets).

local DRAFT_APR_2025 = "Draft GEI Target Rules, Apr 2025, as reported by PTI/Business Standard [R100][R101]"

target "ALU-OD-VEDANTA-JSG-SMELTER2" {
  sector = "aluminium", name = "Vedanta Ltd, Smelter II, Jharsuguda", state = "Odisha",
  baseline = { year = "2023-24", output = 1238336, gei = 13.4927 },
  gei = { ["2025-26"] = 13.2260, ["2026-27"] = 12.8259 },
  source = DRAFT_APR_2025,
  note = "draft values; whether the final First Schedule changed them is not confirmed",
}

target "ALU-OD-HINDALCO-HIRAKUD" {
  sector = "aluminium", name = "Hindalco Industries Ltd, Hirakud smelter", state = "Odisha",
  baseline = { year = "2023-24", output = 178830, gei = 19.2759 },
  gei = { ["2025-26"] = 18.7315, ["2026-27"] = 17.9150 },
  source = DRAFT_APR_2025,
  note = "draft values; whether the final First Schedule changed them is not confirmed",
}

target "ALU-MH-HINDALCO-TALOJA" {
  sector = "alUminium", name = "Hindalco Industries Ltd, Taloja", state = "Maharashtra",
  baseline = { year = "2023-24", gei = 1.3386 },
  gei = { ["2026-27"] = 1.2563 },
  source = "Second draft GEI Target Rules, June 2025 [R25]",
  note = "2025-26 value and output not published in the source",
}

local PP_BLOG = "June-2025 draft as summarised by a consultancy blog [R102]; rounded, low confidence"

target "PP-MH-BALLARPUR" {
  sector = "pulp_paper", name = "Ballarpur Industries Ltd, Ballarpur", state = "Maharashtra",
  baseline = { year = "2023-24", output = 137222, gei = 2.38 },
  gei = { ["2025-26"] = 2.34, ["2026-27"] = 2.31 },
  source = PP_BLOG, status = "unverified",
}

target "PP-OD-JKPAPER-RAYAGADA" {
  sector = "pulp_paper", name = "JK Paper Ltd, Rayagada", state = "Odisha",
  baseline = { year = "2023-24", output = 136226, gei = 2.13 },
  gei = { ["2025-26"] = 2.10, ["2026-27"] = 2.07 },
  source = PP_BLOG, status = "unverified",
}
