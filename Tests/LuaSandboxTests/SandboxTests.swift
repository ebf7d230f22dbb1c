import Testing
@testable import LuaSandbox

/// Every escape a rule or scenario author might try, each asserted to fail with a clear error.
@Suite struct SandboxTests {
    /// Runs `source` and returns the error it raised, or nil if it ran.
    func failure(_ source: String, budget: LuaBudget = .standard) throws -> LuaError? {
        let lua = try LuaState(budget: budget)
        do {
            try lua.run(source, chunk: "evil.lua")
            return nil
        } catch let error as LuaError {
            #expect(lua.stackTop == 0, "stack restored after an error")
            return error
        }
    }

    @Test(
        arguments: [
            ("return io.open('/tmp/ccts-escape', 'w')", "unknown name 'io'"),
            ("return os.execute('touch /tmp/ccts-escape')", "unknown name 'os'"),
            ("return os.remove('x')", "unknown name 'os'"),
            ("return require('os')", "unknown name 'require'"),
            ("return package.loadlib('libc.so.6', 'system')", "unknown name 'package'"),
            ("return dofile('/etc/passwd')", "unknown name 'dofile'"),
            ("return loadfile('/etc/passwd')", "unknown name 'loadfile'"),
            ("return load('return 1')", "unknown name 'load'"),
            ("return debug.getregistry()", "unknown name 'debug'"),
            ("return collectgarbage('stop')", "unknown name 'collectgarbage'"),
            ("return coroutine.create(print)", "unknown name 'coroutine'"),
            ("return string.dump(function() end)", "attempt to call a nil value (field 'dump')"),
            ("return math.randomseed(1)", "attempt to call a nil value (field 'randomseed')"),
            ("return rawset(_G, 'x', 1)", "unknown name 'rawset'"),
            ("x = 1", "assignment to global 'x'"),
            ("return setmetatable(_ENV, {})", "cannot change a protected metatable"),
            ("return getmetatable('').__index.dump", "attempt to index a boolean value"),
            ("return math.random(1, 6)", "attempt to call a nil value (field 'random')"),
            (
                "return setmetatable({}, { __gc = function() while true do end end })",
                "__gc (a finalizer) is not allowed"
            ),
        ] as [(String, String?)])
    func escapeIsRefused(source: String, expected: String?) throws {
        let error = try failure(source)
        if let expected {
            let error = try #require(error, "\(source) must fail")
            #expect(error.kind == .runtime)
            #expect(error.description.contains("evil.lua:1:"), "names file and line: \(error)")
            #expect(error.description.contains(expected), "\(error)")
        } else {
            #expect(error == nil)
        }
    }

    @Test func binaryChunkIsRefused() throws {
        // "\27Lua" is the signature of a precompiled chunk; text mode refuses it.
        let error = try #require(try failure("\u{1B}Lua\u{54}\u{00}garbage"))
        #expect(error.kind == .syntax)
        #expect(error.description.contains("attempt to load a binary chunk"))
    }

    @Test func endlessLoopHitsInstructionBudget() throws {
        let error = try #require(try failure("while true do end", budget: LuaBudget(instructions: 1_000_000)))
        #expect(error.kind == .instructionBudget)
        #expect(error.description.contains("evil.lua"))
        #expect(error.description.contains("--max-instructions"))
    }

    @Test func memoryBombHitsMemoryBudget() throws {
        let source = "local t = {} for i = 1, 1e9 do t[i] = string.rep('x', 1024) .. i end"
        let error = try #require(
            try failure(source, budget: LuaBudget(instructions: 10_000_000_000, memoryBytes: 8 << 20)))
        #expect(error.kind == .memoryBudget)
        #expect(error.description.contains("evil.lua: memory budget exceeded"))
    }

    @Test func pcallCannotSwallowBudget() throws {
        // A script that catches the budget error and keeps looping is stopped again by the hook.
        let source = "while true do pcall(function() while true do end end) end"
        let error = try #require(try failure(source, budget: LuaBudget(instructions: 1_000_000)))
        #expect(error.kind == .instructionBudget)
    }

    @Test func stateIsUsableAfterAnError() throws {
        let lua = try LuaState(budget: LuaBudget(instructions: 1_000_000))
        #expect(throws: LuaError.self) { try lua.run("while true do end", chunk: "loop.lua") }
        let values = try lua.run("return 6 * 7", chunk: "ok.lua")
        #expect(values.first?.number == 42)
    }

    @Test func syntaxErrorNamesFileAndLine() throws {
        let error = try #require(try failure("local x = 1\nlocal y = = 2"))
        #expect(error.kind == .syntax)
        #expect(error.description.hasPrefix("evil.lua:2:"))
    }

    @Test func unknownNameNamesLine() throws {
        let error = try #require(try failure("local a = 1\n\nreturn coall"))
        #expect(error.description.hasPrefix("evil.lua:3: unknown name 'coall'"))
    }

    /// The string metatable is shared by every file of a state: no file may change what
    /// another file's string methods do.
    @Test func oneFileCannotChangeAnothersStrings() throws {
        let lua = try LuaState()
        #expect(throws: LuaError.self) {
            try lua.run("getmetatable('').__index.rep = function() return 'hijacked' end", chunk: "reform.lua")
        }
        try lua.run("string.rep = function() return 'hijacked' end", chunk: "reform2.lua")  // its own copy only
        let values = try lua.run("return ('ab'):rep(2) .. '|' .. string.rep('ab', 2)", chunk: "scenario.lua")
        guard case .string(let text) = values.first else { Issue.record("expected a string"); return }
        #expect(text == "abab|abab")
    }

    /// A finalizer added to a metatable after setmetatable never marks the object (Lua 5.4 §2.5.3):
    /// closing the state runs nothing, so it ends at once.
    @Test func lateFinalizerNeverRuns() throws {
        let start = ContinuousClock.now
        do {
            let lua = try LuaState()
            try lua.run(
                "local mt = {}; local t = setmetatable({}, mt); mt.__gc = function() while true do end end; keep = t",
                chunk: "late.lua")
        } catch {}
        do {
            let lua = try LuaState()
            try lua.run(
                "local mt = {}; _ = setmetatable({}, mt); mt.__gc = function() while true do end end", chunk: "late.lua"
            )
        } catch {}
        #expect(ContinuousClock.now - start < .seconds(5))
    }

    /// The command's time budget stops Lua that stays under the instruction budget call by call.
    @Test func timeBudgetStopsLongRunningCode() throws {
        let lua = try LuaState(budget: LuaBudget(instructions: 1 << 40, deadline: CommandDeadline(secondsFromNow: 0.2)))
        let error = try #require(try failureOf(lua, "local x = 0; for i = 1, 1e12 do x = x + i end; return x"))
        #expect(error.kind == .timeBudget)
        #expect(error.description.contains("--max-seconds"))
    }

    func failureOf(_ lua: LuaState, _ source: String) throws -> LuaError? {
        do { try lua.run(source, chunk: "slow.lua"); return nil } catch let error as LuaError { return error }
    }
}
