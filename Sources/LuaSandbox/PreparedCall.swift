import CLua
#if canImport(Glibc)
    import Glibc
#endif

/// A Lua function prepared to be called many times with one table argument of two
/// number fields, `f { name1 = x, name2 = y }`, without allocating on the Swift side:
/// the argument table and the field names are made once and reused.
///
/// This is how a rule written as a Lua function runs inside the Monte Carlo hot loop.
public final class PreparedCall {
    let function: LuaFunctionRef
    let tableReference: Int32
    let names: (UnsafeMutablePointer<CChar>, UnsafeMutablePointer<CChar>)
    weak var owner: LuaState?

    init(function: LuaFunctionRef, tableReference: Int32, names: (String, String), owner: LuaState) {
        self.function = function
        self.tableReference = tableReference
        self.names = (strdup(names.0)!, strdup(names.1)!)
        self.owner = owner
    }

    deinit {
        free(names.0)
        free(names.1)
        owner?.release(tableReference)
    }
}

extension LuaState {
    /// Prepares `function` for ``callNumber(_:_:_:)``.
    public func prepareCall(_ function: LuaFunctionRef, fieldNames: (String, String)) -> PreparedCall {
        precondition(function.owner === self, "a LuaFunctionRef must be prepared on the state that made it")
        ccts_newtable(L)  // t
        let reference = luaL_ref(L, ccts_registryindex())  // (empty)
        return PreparedCall(function: function, tableReference: reference, names: fieldNames, owner: self)
    }

    /// Calls the prepared function with the two values under the budgets.
    /// - Returns: the number it returned, or nil if it returned anything else.
    /// - Throws: ``LuaError`` when the function fails.
    public func callNumber(_ call: PreparedCall, _ first: Double, _ second: Double) throws -> Double? {
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        lua_rawgeti(L, ccts_registryindex(), lua_Integer(call.function.reference))  // f
        lua_rawgeti(L, ccts_registryindex(), lua_Integer(call.tableReference))  // f, t
        // Raw sets: a script cannot hook them with a metatable on the argument table.
        lua_pushstring(L, call.names.0)  // f, t, k
        lua_pushnumber(L, first)  // f, t, k, v
        lua_rawset(L, -3)  // f, t
        lua_pushstring(L, call.names.1)
        lua_pushnumber(L, second)
        lua_rawset(L, -3)
        try protectedCall(arguments: 1, results: 1, chunk: call.function.chunk, budgeted: true)  // result
        guard lua_type(L, -1) == LUA_TNUMBER else { return nil }
        return ccts_tonumber(L, -1)
    }
}
