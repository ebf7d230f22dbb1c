import CLua

/// Copies values from the Lua stack into ``LuaValue``s.
///
/// Bounded by design: nesting deeper than ``maximumDepth``, tables that contain
/// themselves, more than ``maximumNodes`` values visited (a table shared twice counts
/// twice: `t = {t, t}` forty times would otherwise be walked 2⁴⁰ times) and more than
/// ``maximumStringBytes`` of text are errors, so a hostile script cannot make the engine
/// recurse, loop or allocate without end. Only raw accesses are used (no metamethods run),
/// so conversion itself can never raise a Lua error.
///
/// Errors name the file a table came from (the engine's constructors mark each with
/// `__file`) and the field path, shortened when long.
struct LuaValueConverter {
    static let maximumDepth = 64
    static let maximumNodes = 500_000
    static let maximumStringBytes = 64 << 20

    let state: LuaState
    let chunk: String
    private var openTables: Set<UnsafeRawPointer> = []
    private var nodes = 0
    private var stringBytes = 0
    /// The file of the innermost table being converted that names one.
    private var file: String?

    init(state: LuaState, chunk: String) {
        self.state = state
        self.chunk = chunk
    }

    /// Converts the value at absolute stack index `index`. Stack: [-0, +0].
    mutating func convert(at index: Int32) throws -> LuaValue {
        try convert(at: index, depth: 0, path: "")
    }

    private mutating func convert(at index: Int32, depth: Int, path: String) throws -> LuaValue {
        let L = state.L
        nodes += 1
        guard nodes <= Self.maximumNodes else {
            throw failure(
                "the value holds more than \(Self.maximumNodes) items (a table shared many times counts every time); "
                    + "the engine needs plain data",
                path: path)
        }
        switch lua_type(L, index) {
        case LUA_TNIL, LUA_TNONE:
            return .nil
        case LUA_TBOOLEAN:
            return .boolean(lua_toboolean(L, index) != 0)
        case LUA_TNUMBER:
            return .number(ccts_tonumber(L, index))
        case LUA_TSTRING:
            let text = string(at: index)
            stringBytes += text.utf8.count
            guard stringBytes <= Self.maximumStringBytes else {
                throw failure("the value holds more than \(Self.maximumStringBytes >> 20) MiB of text", path: path)
            }
            return .string(text)
        case LUA_TFUNCTION:
            // Named by where it was written: a rule function's errors then point at its file and line.
            let written = state.definition(ofFunctionAt: index) ?? file ?? chunk
            lua_pushvalue(L, index)
            let reference = luaL_ref(L, ccts_registryindex())
            return .function(LuaFunctionRef(reference: reference, chunk: written, owner: state))
        case LUA_TTABLE:
            return .table(try table(at: index, depth: depth, path: path))
        default:
            let name = String(cString: lua_typename(L, lua_type(L, index)))
            throw failure("is a \(name), which the engine cannot use", path: path)
        }
    }

    private mutating func table(at index: Int32, depth: Int, path: String) throws -> LuaTable {
        let L = state.L
        guard depth < Self.maximumDepth else {
            throw failure("is nested more than \(Self.maximumDepth) tables deep", path: path)
        }
        guard let identity = lua_topointer(L, index) else { return LuaTable() }
        guard openTables.insert(identity).inserted else {
            throw failure("contains itself (a cycle); the engine needs plain data", path: path)
        }
        defer { openTables.remove(identity) }
        guard lua_checkstack(L, 3) != 0 else { throw failure("Lua stack exhausted", path: path) }
        let outerFile = file
        defer { file = outerFile }
        lua_pushstring(L, "__file")  // …, "__file"
        if lua_rawget(L, index) == LUA_TSTRING { file = string(at: lua_gettop(L)) }  // …, file
        ccts_pop(L, 1)

        var integerKeyed: [(key: Int, value: LuaValue)] = []
        var fields: [(name: String, value: LuaValue)] = []
        lua_pushnil(L)  // …, nil
        while lua_next(L, index) != 0 {  // …, key, value
            let valueIndex = lua_gettop(L)
            let keyIndex = valueIndex - 1
            switch lua_type(L, keyIndex) {
            case LUA_TSTRING:
                let name = string(at: keyIndex)
                fields.append((name, try convert(at: valueIndex, depth: depth + 1, path: Self.join(path, name))))
            case LUA_TNUMBER where ccts_isinteger(L, keyIndex) != 0:
                let key = Int(lua_tointegerx(L, keyIndex, nil))
                integerKeyed.append((key, try convert(at: valueIndex, depth: depth + 1, path: "\(path)[\(key)]")))
            default:
                let name = String(cString: lua_typename(L, lua_type(L, keyIndex)))
                ccts_pop(L, 2)
                throw failure("has a key of type \(name); only names and whole numbers can be keys", path: path)
            }
            ccts_pop(L, 1)  // …, key
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

    /// `path` + `.name`, or `["name"]` for a name that is not an identifier.
    static func join(_ path: String, _ name: String) -> String {
        let plain =
            !name.isEmpty && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } && !name.first!.isNumber
        if plain { return path.isEmpty ? name : "\(path).\(name)" }
        return "\(path)[\"\(name.count > 40 ? name.prefix(40) + "…" : Substring(name))\"]"
    }

    /// A path of at most 120 characters: its start and its end, with the middle left out.
    static func shortened(_ path: String) -> String {
        guard path.count > 120 else { return path }
        return "\(path.prefix(40))…\(path.suffix(70))"
    }

    private func failure(_ message: String, path: String) -> LuaError {
        let where_ = file ?? chunk
        let field = path.isEmpty ? "the value it returns" : Self.shortened(path)
        return LuaError(kind: .conversion, chunk: where_, message: "\(where_): \(field): \(message)")
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
