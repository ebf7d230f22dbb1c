-- prelude.lua — the constructors rule, reform and scenario files are written with.
--
-- Runs inside the sandbox like any user file. It only builds plain tables: the
-- Swift loader validates them and turns them into typed values. Exports are
-- the names user files see; `internal` is for the engine.

-- Functions the engine offers (Swift): `host.rows` and `host.lines` read CSV and Excel tables.
local host = ...

local rules = {
  fuels = {}, materials = {}, refrigerants = {}, grids = {}, heat = {}, anode_effects = {},
  gwp = {}, sectors = {}, targets = {}, assumptions = {}, abatement = {},
}
local reforms = {}
local current_file = "(unknown)"

local function check_name(kind, name)
  if type(name) ~= "string" or name == "" then
    error(("%s needs a name in quotes, e.g. %s \"example\" { … }"):format(kind, kind), 3)
  end
end

-- Returns a function taking the body table: `fuel "coal" { … }`.
local function named_entry(kind, store)
  return function(name)
    check_name(kind, name)
    return function(body)
      if type(body) ~= "table" then
        error(("%s \"%s\" needs a table body: %s \"%s\" { … }"):format(kind, name, kind, name), 2)
      end
      body.__file = current_file
      store[name] = body
      return body
    end
  end
end

local function section(name)
  return function(body)
    if type(body) ~= "table" then error(name .. " needs a table body: " .. name .. " { … }", 2) end
    body.__file = current_file
    rules[name] = body
    return body
  end
end

local exports = {
  fuel        = named_entry("fuel", rules.fuels),
  material    = named_entry("material", rules.materials),
  refrigerant = named_entry("refrigerant", rules.refrigerants),
  grid        = named_entry("grid", rules.grids),
  heat        = named_entry("heat", rules.heat),
  anode_effects = named_entry("anode_effects", rules.anode_effects),
  gwp         = named_entry("gwp", rules.gwp),
  sector      = named_entry("sector", rules.sectors),
  abatement   = named_entry("abatement", rules.abatement),
  verification = section("verification"),
  compliance  = section("compliance"),
  gwp_in_force = section("gwp_in_force"),
}

-- `target "REGISTRATION" { sector = "cement", … }` files targets by sector,
-- so that a reform can loop over `rules.targets.cement`.
-- Tables from CSV or Excel files beside the scenario or portfolio file (README: tables as inputs).
-- `rows_from(file, { sheet =, columns = { name = "number" | "text" | "number?" | "text?" }, where = { … } })`
-- gives one record per row; `lines_from(file, { sheet =, year =, where = })` gives activity lines
-- { name, quantity, unit, other = … }. A problem is raised at the caller's line.
function exports.rows_from(file, options)
  local result, problem = host.rows(file, options)
  if problem then error(problem, 2) end
  return result
end

function exports.lines_from(file, options)
  local result, problem = host.lines(file, options)
  if problem then error(problem, 2) end
  return result
end

function exports.target(registration)
  check_name("target", registration)
  return function(body)
    if type(body) ~= "table" or type(body.sector) ~= "string" then
      error(("target \"%s\" needs a table body with sector = \"…\""):format(registration), 2)
    end
    body.__file = current_file
    rules.targets[body.sector] = rules.targets[body.sector] or {}
    rules.targets[body.sector][registration] = body
    return body
  end
end

function exports.assumption(body)
  if type(body) ~= "table" then error("assumption needs a table body: assumption { rule = …, statement = …, reasoning = … }", 2) end
  body.__file = current_file
  rules.assumptions[#rules.assumptions + 1] = body
  return body
end

-- `reform "name" (function(rules) … end)`
function exports.reform(name)
  check_name("reform", name)
  return function(change)
    if type(change) ~= "function" then
      error(("reform \"%s\" needs a function: reform \"%s\" (function(rules) … end)"):format(name, name), 2)
    end
    reforms[#reforms + 1] = { name = name, change = change, file = current_file }
    return name
  end
end

-- measures { discount_rate = 0.1, horizon = "2029-30", { name = …, type = …, … }, … }
function exports.measures(body)
  if type(body) ~= "table" then error("measures needs a table body: return measures { … }", 2) end
  body.__kind = "measures"
  return body
end

-- portfolio { name = …, market = …, entities = { { entity = …, years = … }, … } }:
-- many entities in one file; `market` applies to every entity that states none.
function exports.portfolio(body)
  if type(body) ~= "table" or type(body.entities) ~= "table" then
    error("portfolio needs a table body with entities = { … }: return portfolio { entities = { … } }", 2)
  end
  body.__kind = "portfolio"
  return body
end

function exports.scenario(body)
  if type(body) ~= "table" then error("scenario needs a table body: return scenario { … }", 2) end
  body.__kind = "scenario"
  return body
end

-- Distributions: tagged tables, validated by the loader.
local function distribution(kind, names)
  return function(...)
    local d = { __distribution = kind }
    local args = { ... }
    if #args == 1 and type(args[1]) == "table" then
      for k, v in pairs(args[1]) do d[k] = v end
    else
      for i, name in ipairs(names) do d[name] = args[i] end
    end
    return d
  end
end
exports.fixed      = distribution("fixed", { "value" })
exports.uniform    = distribution("uniform", { "min", "max" })
exports.normal     = distribution("normal", { "mean", "sd", "lower", "upper" })
exports.lognormal  = distribution("lognormal", { "mean", "sd" })
exports.triangular = distribution("triangular", { "min", "mode", "max" })
exports.pert       = distribution("pert", { "min", "mode", "max" })
exports.beta       = distribution("beta", { "alpha", "beta" })
exports.discrete   = distribution("discrete", { "values", "weights" })

-- dirichlet { coal_imported = 60, petcoke = 30 }: shares that sum to one.
function exports.dirichlet(concentrations)
  if type(concentrations) ~= "table" then
    error("dirichlet needs a table of fuel = concentration, e.g. dirichlet { coal_imported = 60, petcoke = 40 }", 2)
  end
  return { __distribution = "dirichlet", concentrations = concentrations }
end

-- price_path { start = 1800, drift = 0.05, volatility = 0.35 } (geometric) or
-- price_path { start = 1800, mean = 2500, reversion = 0.3, volatility = 0.3 } (mean-reverting).
function exports.price_path(body)
  if type(body) ~= "table" then error("price_path needs a table body: price_path { start = …, drift = …, volatility = … }", 2) end
  body.__kind = "price_path"
  return body
end

local internal = {}

function internal.set_current_file(name) current_file = name end
function internal.rules() return rules end
function internal.reform_count() return #reforms end

-- While a reform runs, every table of the rules refuses a new key that is neither a name nor a
-- whole number from 1, at the reform's own line (error level 2 is the assignment): the loader
-- could only say, afterwards, that some key somewhere was wrong.
local key_guard = {}
key_guard.__newindex = function(table, key, value)
  local ok = type(key) == "string" or (math.type(key) == "integer" and key >= 1)
  if not ok then
    error(("writes rules[%s], a key of type %s; only names and whole numbers from 1 can be keys"):format(
      tostring(key), math.type(key) or type(key)), 2)
  end
  -- the sandbox has no rawset: the guard steps aside for the write
  setmetatable(table, nil)
  table[key] = value
  setmetatable(table, key_guard)
end

local function guard_keys(t, seen, guarded)
  if seen[t] or getmetatable(t) ~= nil then return end
  seen[t] = true
  for _, v in pairs(t) do
    if type(v) == "table" then guard_keys(v, seen, guarded) end
  end
  setmetatable(t, key_guard)
  guarded[#guarded + 1] = t
end

-- Applies reform `index` to the rules; returns its name and file.
function internal.apply_reform(index)
  local r = reforms[index]
  current_file = r.file
  local guarded = {}
  guard_keys(rules, {}, guarded)
  local ok, replaced = pcall(r.change, rules)
  for _, t in ipairs(guarded) do setmetatable(t, nil) end
  if not ok then error(replaced, 0) end
  if type(replaced) == "table" then rules = replaced end
  return r.name, r.file
end

-- Sets rules[segments…] = value. A factor table { value, unit, … } takes the number in [1].
function internal.set_path(segments, value)
  local t = rules
  for i = 1, #segments - 1 do
    local key = segments[i]
    if type(t[key]) ~= "table" then error("--set: no table at " .. table.concat(segments, ".", 1, i), 0) end
    t = t[key]
  end
  local last = segments[#segments]
  if type(t[last]) == "table" and type(t[last][1]) == "number" and type(value) == "number" then
    t[last][1] = value
  else
    t[last] = value
  end
end

return { exports = exports, internal = internal }
