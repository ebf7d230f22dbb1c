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

    @Test(arguments: [
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
        ("return getmetatable('').__index.dump", nil),
    ] as [(String, String?)])
    func escapeIsRefused(source: String, expected: String?) throws {
        let error = try failure(source)
        if let expected {
            let error = try #require(error, "\(source) must fail")
            #expect(error.kind == .runtime)
            #expect(error.description.contains("evil.lua:1:"), "names file and line: \(error)")
            #expect(error.description.contains(expected), "\(error)")
        } else {
            #expect(error == nil) // returns nil: string.dump is gone from the shared string table too
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
        let error = try #require(try failure(source, budget: LuaBudget(instructions: 10_000_000_000, memoryBytes: 8 << 20)))
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
}
