import Testing
@testable import LuaSandbox

@Suite struct LuaValueConverterTests {
    @Test func convertsNestedTablesDeterministically() throws {
        let lua = try LuaState()
        let values = try lua.run("return { 10, 20, b = 'x', a = { true, 2.5 } }", chunk: "t.lua")
        let table = try #require(values.first?.table)
        #expect(table.sequence.compactMap(\.number) == [10, 20])
        #expect(table.fieldNames == ["a", "b"])     // sorted, whatever Lua's hash order
        #expect(table["b"].string == "x")
        #expect(table["a"].table?.sequence[1].number == 2.5)
        #expect(lua.stackTop == 0)
    }

    @Test func cycleIsAnErrorNotARecursion() throws {
        let lua = try LuaState()
        #expect {
            try lua.run("local t = {} t.self = t return t", chunk: "cycle.lua")
        } throws: { error in
            (error as? LuaError)?.description.contains("contains itself") == true
        }
        #expect(lua.stackTop == 0)
    }

    @Test func absurdNestingIsAnError() throws {
        let lua = try LuaState()
        #expect {
            try lua.run("local t = {} for i = 1, 10000 do t = { t } end return t", chunk: "deep.lua")
        } throws: { error in
            (error as? LuaError)?.description.contains("nested more than 64") == true
        }
    }

    @Test func functionsCanBeCalledLater() throws {
        let lua = try LuaState()
        let values = try lua.run("return function(x, y) return x * y end", chunk: "f.lua")
        guard case .function(let function)? = values.first else {
            Issue.record("expected a function")
            return
        }
        let result = try lua.call(function, [.number(6), .number(7)])
        #expect(result.first?.number == 42)
        #expect(lua.stackTop == 0)
    }

    @Test func pushAndReturnRoundTrips() throws {
        let lua = try LuaState()
        let values = try lua.run("return function(t) return t end", chunk: "id.lua")
        guard case .function(let identity)? = values.first else { return }
        let input = LuaValue.table(LuaTable(sequence: [.number(1), .string("two")], fields: [("k", .boolean(true))]))
        let output = try #require(try lua.call(identity, [input]).first?.table)
        #expect(output.sequence.count == 2)
        #expect(output["k"].isNil == false)
    }
}
