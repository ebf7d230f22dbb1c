/// The trusted Lua code that builds sandbox environments.
///
/// It runs once per state with the real globals (which hold only the safe
/// libraries: `io`, `os`, `package`, `debug` and `coroutine` are never
/// opened), then strips the remaining dangerous functions from them. Each
/// untrusted chunk gets a fresh environment built from an allow-list: copies of
/// `string`, `table`, `math`, `utf8`, the harmless basics, and the engine's
/// constructors. Reading an unknown name or assigning a global is an error
/// that names the chunk and line.
enum SandboxBootstrap {
    static let source = #"""
        local G = _G
        local allowed = {
          "assert", "error", "ipairs", "next", "pairs", "pcall", "xpcall", "select",
          "tonumber", "tostring", "type", "rawequal", "rawlen", "setmetatable",
          "getmetatable", "_VERSION",
        }
        local libraries = { "string", "table", "math", "utf8" }

        -- string.dump makes binary chunks. There is no randomness in the sandbox: a rule whose
        -- result depended on math.random would depend on threads and order; uncertainty belongs
        -- to the scenario's distributions.
        G.string.dump = nil
        G.math.random, G.math.randomseed = nil, nil

        -- Strings share one metatable whose __index is the string library: hide it, so that no
        -- file can change what another file's ("ab"):rep(2) does.
        G.getmetatable("").__metatable = false

        -- A finalizer (__gc) runs when the state closes, outside every budget: the engine's
        -- setmetatable (shim.h) refuses a metatable that holds one.
        local safe_setmetatable = G.__ccts_setmetatable
        G.__ccts_setmetatable = nil
        for _, name in ipairs({ "dofile", "loadfile", "load", "collectgarbage", "print", "require", "rawset",
                                "rawget" }) do
          G[name] = nil
        end

        -- A script must not catch a budget error and carry on: pcall re-raises it.
        local budget_exceeded = G.__ccts_budget_exceeded
        G.__ccts_budget_exceeded = nil
        local raw_pcall, raw_xpcall, pack, unpack = G.pcall, G.xpcall, G.table.pack, G.table.unpack
        local function checked(results)
          if budget_exceeded() then G.error(results[2], 0) end
          return unpack(results, 1, results.n)
        end
        local function safe_pcall(...) return checked(pack(raw_pcall(...))) end
        local function safe_xpcall(...) return checked(pack(raw_xpcall(...))) end

        local function copy(t)
          local c = {}
          for k, v in next, t do c[k] = v end
          return c
        end

        local exports = {}
        local sandbox = {}

        function sandbox.set_exports(t)
          exports = t or {}
        end

        function sandbox.new_env(chunk)
          local env = {}
          for _, name in ipairs(allowed) do env[name] = G[name] end
          env.pcall, env.xpcall, env.setmetatable = safe_pcall, safe_xpcall, safe_setmetatable
          for _, name in ipairs(libraries) do env[name] = copy(G[name]) end
          for k, v in next, exports do env[k] = v end
          env._G = env
          return G.setmetatable(env, {
            __metatable = false,
            __index = function(_, name)
              local message = "unknown name '%s' (not a constructor or library the sandbox provides)"
              G.error(message:format(G.tostring(name)), 2)
            end,
            __newindex = function(_, name)
              local message = "assignment to global '%s': declare it with 'local %s = …'"
              G.error(message:format(G.tostring(name), G.tostring(name)), 2)
            end,
          })
        end

        return sandbox
        """#
}
