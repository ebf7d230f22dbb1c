import CLua

/// Copies values from the Lua stack into ``LuaValue``s.
///
/// Bounded by design: nesting deeper than ``maximumDepth`` and tables that
/// contain themselves are errors, so a hostile script cannot make the engine
/// recurse without end. Only raw accesses are used (no metamethods run), so
/// conversion itself can never raise a Lua error.
struct LuaValueConverter {
    static let maximumDepth = 64

    let state: LuaState
    let chunk: String
    private var openTables: Set<UnsafeRawPointer> = []

    init(state: LuaState, chunk: String) {
        self.state = state
        self.chunk = chunk
    }

    /// Converts the value at absolute stack index `index`. Stack: [-0, +0].
    mutating func convert(at index: Int32) throws -> LuaValue {
        try convert(at: index, depth: 0, path: "value")
    }

    private mutating func convert(at index: Int32, depth: Int, path: String) throws -> LuaValue {
        let L = state.L
        switch lua_type(L, index) {
        case LUA_TNIL, LUA_TNONE:
            return .nil
        case LUA_TBOOLEAN:
            return .boolean(lua_toboolean(L, index) != 0)
        case LUA_TNUMBER:
            return .number(ccts_tonumber(L, index))
        case LUA_TSTRING:
            return .string(string(at: index))
        case LUA_TFUNCTION:
            lua_pushvalue(L, index)
            let reference = luaL_ref(L, ccts_registryindex())
            return .function(LuaFunctionRef(reference: reference, chunk: chunk, owner: state))
        case LUA_TTABLE:
            return .table(try table(at: index, depth: depth, path: path))
        default:
            let name = String(cString: lua_typename(L, lua_type(L, index)))
            throw failure("\(path) is a \(name), which the engine cannot use")
        }
    }

    private mutating func table(at index: Int32, depth: Int, path: String) throws -> LuaTable {
        let L = state.L
        guard depth < Self.maximumDepth else {
            throw failure("\(path) is nested more than \(Self.maximumDepth) tables deep")
        }
        guard let identity = lua_topointer(L, index) else { return LuaTable() }
        guard openTables.insert(identity).inserted else {
            throw failure("\(path) contains itself (a cycle); the engine needs plain data")
        }
        defer { openTables.remove(identity) }
        guard lua_checkstack(L, 3) != 0 else { throw failure("Lua stack exhausted at \(path)") }

        var integerKeyed: [(key: Int, value: LuaValue)] = []
        var fields: [(name: String, value: LuaValue)] = []
        lua_pushnil(L)                                   // …, nil
        while lua_next(L, index) != 0 {                  // …, key, value
            let valueIndex = lua_gettop(L)
            let keyIndex = valueIndex - 1
            switch lua_type(L, keyIndex) {
            case LUA_TSTRING:
                let name = string(at: keyIndex)
                fields.append((name, try convert(at: valueIndex, depth: depth + 1, path: "\(path).\(name)")))
            case LUA_TNUMBER where ccts_isinteger(L, keyIndex) != 0:
                let key = Int(lua_tointegerx(L, keyIndex, nil))
                integerKeyed.append((key, try convert(at: valueIndex, depth: depth + 1, path: "\(path)[\(key)]")))
            default:
                let name = String(cString: lua_typename(L, lua_type(L, keyIndex)))
                ccts_pop(L, 2)
                throw failure("\(path) has a key of type \(name); only names and whole numbers can be keys")
            }
            ccts_pop(L, 1)                                // …, key
        }
        integerKeyed.sort { $0.key < $1.key }
        fields.sort { $0.name < $1.name }
        var sequence: [LuaValue] = []
        var others: [(key: Int, value: LuaValue)] = []
        for (key, value) in integerKeyed {
            if key == sequence.count + 1 { sequence.append(value) } else { others.append((key, value)) }
        }
        return LuaTable(sequence: sequence, fields: fields, otherKeys: others)
    }

    private func string(at index: Int32) -> String {
        var length = 0
        guard let pointer = ccts_tostring(state.L, index, &length) else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: pointer, count: length), as: UTF8.self)
    }

    private func failure(_ message: String) -> LuaError {
        LuaError(kind: .conversion, chunk: chunk, message: "\(chunk): \(message)")
    }
}

extension LuaState {
    /// Pushes a copy of `value` onto the stack. Stack: [-0, +1].
    func push(_ value: LuaValue) {
        precondition(lua_checkstack(L, 4) != 0, "Lua stack exhausted")
        switch value {
        case .nil: lua_pushnil(L)
        case .boolean(let flag): lua_pushboolean(L, flag ? 1 : 0)
        case .number(let x):
            if x.rounded() == x, abs(x) < 9.0e15 { lua_pushinteger(L, lua_Integer(x)) } else { lua_pushnumber(L, x) }
        case .string(let text): lua_pushstring(L, text)
        case .function(let function):
            precondition(function.owner === self, "function from another state")
            lua_rawgeti(L, ccts_registryindex(), lua_Integer(function.reference))
        case .table(let table):
            lua_createtable(L, Int32(table.sequence.count), Int32(table.fields.count))
            for (offset, element) in table.sequence.enumerated() {
                push(element)
                lua_rawseti(L, -2, lua_Integer(offset + 1))
            }
            for (key, element) in table.otherKeys {
                push(element)
                lua_rawseti(L, -2, lua_Integer(key))
            }
            for (name, element) in table.fields {
                push(element)
                lua_setfield(L, -2, name)
            }
        }
    }
}
