-- Verification by an Accredited Carbon Verification Agency (ACVA).
-- No materiality threshold for CCTS obligated-entity verification was found (SOURCES.md).

verification {
  -- A fraction, or a function of the case: function(case) return … end, where case has
  -- `emissions` (reported, tCO2e) and `production` (t equivalent product). For example the EU AVR
  -- categories (Reg. 2018/2067 Art. 23, [R60]):
  --   materiality = function(case) if case.emissions > 500000 then return 0.02 else return 0.05 end end
  materiality = 0.02,
  conservative_uplift = 0.0,
  -- "quantities": each of emissions and production against the threshold (the EU AVR reading);
  -- "gei": the misstatement of the GEI they make, which drives the credits.
  basis = "quantities",
  source = "ccts assumption, after EU AVR 2018/2067 Art. 23 (2 % for installations above 500 kt) [R60][R62]",
  status = "assumption",
  reasoning = "CCTS documents name verification by an ACVA and check verification by BEE but no materiality "
    .. "level. Obligated entities are large emitters, most above 500 kt/yr, for which the EU applies 2 %. "
    .. "On a material misstatement the verified figures replace the reported ones; no conservative uplift "
    .. "is applied, since none was found.",
}
