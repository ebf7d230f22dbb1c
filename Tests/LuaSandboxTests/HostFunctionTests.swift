import Testing
@testable import LuaSandbox

/// Host functions: the engine's Swift code offered to its prelude, never to user files directly.
@Suite struct HostFunctionTests {
    func state() throws -> LuaState {
        let lua = try LuaState()
        lua.provide("double") { arguments in
            guard let x = arguments.first?.number else { return .failure(HostFailure("double expects a number")) }
            return .success(.table(LuaTable(sequence: [.number(2 * x)], fields: [("note", .string("doubled"))])))
        }
        try lua.installPrelude(
            """
            local host = ...
            local exports = {}
            function exports.double(x)
              local result, problem = host.double(x)
              if problem then error(problem, 2) end
              return result
            end
            return { exports = exports, internal = {} }
            """, chunk: "(prelude)")
        return lua
    }

    @Test func aValueComesBackAndAFailureIsRaisedAtTheCallersLine() throws {
        let lua = try state()
        let value = try lua.run("local t = double(21)\nreturn t[1], t.note", chunk: "user.lua")
        #expect(value.first?.number == 42 && value.last?.string == "doubled")
        #expect(throws: LuaError.self) { try lua.run("\nreturn double('x')", chunk: "user.lua") }
        do {
            try lua.run("\nlocal t = double('x')\nreturn t", chunk: "user.lua")
        } catch {
            #expect("\(error)".contains("user.lua:2: double expects a number"))
        }
    }

    /// User code sees only what the prelude exports: the host table itself is out of reach.
    @Test func theHostTableIsNotReachableFromUserCode() throws {
        let lua = try state()
        for escape in ["return host.double(1)", "return (...).double(1)", "return _ENV.host"] {
            #expect(throws: LuaError.self, "\(escape)") { try lua.run(escape, chunk: "user.lua") }
        }
    }
}
