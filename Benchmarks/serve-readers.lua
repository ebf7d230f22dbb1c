-- wrk script for Benchmarks/serve-load: readers of a ccts serve store, each request in turn one of
-- the list of runs, one run with its document, or one run's report page (rendered once, then cached).
-- RUNS is the number of runs in the store (ids 1..RUNS), set by serve-load through the environment.
local runs = tonumber(os.getenv("RUNS") or "40")
local counter = 0

request = function()
  counter = counter + 1
  local id = counter % runs + 1
  local kind = counter % 3
  if kind == 0 then
    return wrk.format("GET", "/api/runs?limit=50")
  elseif kind == 1 then
    return wrk.format("GET", "/api/runs/" .. id)
  else
    return wrk.format("GET", "/api/runs/" .. id .. "/report")
  end
end
