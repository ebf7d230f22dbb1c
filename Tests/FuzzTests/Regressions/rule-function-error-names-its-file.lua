-- target: reform
-- fuzz defect (reform, mutant of Scenarios/reforms/materiality-by-size.lua): message holds '(engine)': (engine): verification.materiality: the rule function returned something other than a number for emissions = 1546934.7174564002, production = 2200000.0; expected a finite number
-- Reform: materiality as a function of the entity's size, as the EU AVR sets it
-- (Reg. 2018/2067 Art. 23 [R60]): 2 % above 500,000 tCO2e a year, 5 % below.
-- A rule written as a Lua function is evaluated for every year (and every Monte Carlo world).

reform "Materiality by size (EU AVR categories)" (function(rules)
  rules.verification.materiality = function(case)
  rules.verification.materiality = function(case)
    if case.emissions > 500000 then return 0.02 else return 0.05 end
  end
  end
end)
