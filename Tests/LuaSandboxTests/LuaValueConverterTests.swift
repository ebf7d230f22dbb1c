import Testing
@testable import LuaSandbox

@Suite struct LuaValueConverterTests {
    @Test func convertsNestedTablesDeterministically() throws {
        let lua = try LuaState()
        let values = try lua.run("return { 10, 20, b = 'x', a = { true, 2.5 } }", chunk: "t.lua")
        let table = try #require(values.first?.table)
        #expect(table.sequence.compactMap(\.number) == [10, 20])
        #expect(table.fieldNames == ["a", "b"])  // sorted, whatever Lua's hash order
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

    /// `t = {t, t}` forty times is 41 tables in Lua but 2⁴¹ values to walk: refused once the
    /// node budget is spent, naming the file and the field.
    @Test func sharedSubtablesCountEveryTime() throws {
        let lua = try LuaState()
        #expect {
            try lua.run("local t = {} for i = 1, 40 do t = { t, t } end return { data = t }", chunk: "doubling.lua")
        } throws: { error in
            let text = (error as? LuaError)?.description ?? ""
            return text.hasPrefix("doubling.lua: data") && text.contains("more than 500000 items")
        }
        #expect(lua.stackTop == 0)
    }

    @Test func badKeyNamesFileAndShortPath() throws {
        let lua = try LuaState()
        #expect {
            try lua.run("return { verification = { [true] = 1 } }", chunk: "rules.lua")
        } throws: { error in
            (error as? LuaError)?.description
                == "rules.lua: verification: has a key of type boolean; only names and whole numbers can be keys"
        }
        // 70 levels of [1]: the depth error's path of 192 characters is shortened to start … end
        #expect {
            try lua.run("local t = { 'x' } for i = 1, 70 do t = { t } end return t", chunk: "deep.lua")
        } throws: { error in
            let text = (error as? LuaError)?.description ?? ""
            return text.hasPrefix("deep.lua: [1][1]") && text.contains("…") && text.count < 200
                && text.contains("nested more than 64")
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

@Suite struct PreparedCallTests {
    func function(_ lua: LuaState, _ source: String) throws -> LuaFunctionRef {
        guard case .function(let f)? = try lua.run(source, chunk: "rule.lua").first else {
            throw LuaError(kind: .conversion, chunk: "rule.lua", message: "not a function")
        }
        return f
    }

    @Test func callsWithNamedFieldsAndRestoresTheStack() throws {
        let lua = try LuaState()
        let f = try function(lua, "return function(case) return case.emissions / case.production end")
        let call = lua.prepareCall(f, fieldNames: ("emissions", "production"))
        // 1,000,000 / 400,000 = 2.5, then 3 / 4 = 0.75: the table is reused with fresh values.
        #expect(try lua.callNumber(call, 1_000_000, 400_000) == 2.5)
        #expect(try lua.callNumber(call, 3, 4) == 0.75)
        #expect(lua.stackTop == 0)
    }

    @Test func nonNumberAndErrorsAreReported() throws {
        let lua = try LuaState(budget: LuaBudget(instructions: 1_000_000))
        let text = try lua.prepareCall(try function(lua, "return function() return 'two' end"), fieldNames: ("a", "b"))
        #expect(try lua.callNumber(text, 1, 2) == nil)
        let failing = try lua.prepareCall(
            try function(lua, "return function(c)\n  error('no ' .. c.a)\nend"), fieldNames: ("a", "b"))
        #expect {
            _ = try lua.callNumber(failing, 1, 2)
        } throws: { error in
            "\(error)".contains("rule.lua:2: no 1")
        }
        let looping = try lua.prepareCall(
            try function(lua, "return function() while true do end end"), fieldNames: ("a", "b"))
        #expect(throws: LuaError.self) { _ = try lua.callNumber(looping, 1, 2) }
        #expect(lua.stackTop == 0)
    }

    @Test func metatableOnTheArgumentCannotHijackTheCall() throws {
        // The script sets a metatable whose __newindex raises; the engine's raw sets ignore it.
        let lua = try LuaState()
        let f = try function(
            lua, "return function(c) setmetatable(c, { __newindex = function() error('hooked') end }) return c.a end")
        let call = lua.prepareCall(f, fieldNames: ("a", "b"))
        #expect(try lua.callNumber(call, 1, 2) == 1)
        #expect(try lua.callNumber(call, 5, 6) == 5)
    }
}
