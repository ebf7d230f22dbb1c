-- Global warming potentials (100-year) used to express CH4, N2O and refrigerants as CO2e.
-- Sources: see SOURCES.md ([R81]–[R87]).

gwp "SAR" {
  CH4 = 21, N2O = 310,
  source = "IPCC Second Assessment Report (1995), as tabulated in 40 CFR 98 Table A-1 history and icra/ecam gwp_reports.js",
  status = "verified",
}

gwp "AR4" {
  CH4 = 25, N2O = 298,
  source = "IPCC AR4 WG1 (2007) Table 2.14, as in 40 CFR 98 Table A-1",
  status = "verified",
}

gwp "AR5" {
  CH4 = 28, N2O = 265,
  source = "IPCC AR5 WG1 (2013) Table 8.A.1, without climate-carbon feedback",
  status = "verified",
}

gwp "AR6" {
  CH4 = 29.8, N2O = 273,
  source = "IPCC AR6 WG1 (2021) Ch 7 Table 7.SM.7, the table of refrigerants.lua's AR6 column; CH4 value for fossil methane (non-fossil 27.0)",
  status = "verified",
  note = "combustion CH4 is treated as fossil; a reform may use 27.0 for biomass-heavy plants",
}

gwp_in_force {
  set = "AR5",
  source = "BEE Detailed Procedure for Compliance Mechanism (2024): GWPs 'as specified in India's Biennial Update Report'",
  status = "assumption",
  reasoning = "The procedure points to India's BUR without naming an assessment report. Under the Paris "
    .. "Agreement transparency framework (decision 18/CMA.1) India's Biennial Transparency Reports use AR5 "
    .. "100-year GWPs, so AR5 is assumed. India's BUR-3 may have used SAR values (unverified); "
    .. "select them with --set gwp_in_force.set=SAR.",
}
