-- Reform: cement targets for 2026-27 two per cent tighter, as a regulator might propose.
-- The built-in rules hold no cement entity targets (none were published in the sources), so this
-- changes the targets a portfolio declares, e.g. Scenarios/portfolio-notified.lua.
reform "Cement 2026-27 targets 2% tighter" (function(rules)
  for _, entity in pairs(rules.targets.cement or {}) do
    if entity.gei["2026-27"] then
      entity.gei["2026-27"] = entity.gei["2026-27"] * 0.98
    end
  end
end)
