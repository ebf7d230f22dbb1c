import CLua

/// The one owner of a `lua_State`: creates it, runs sandboxed chunks in it, closes it.
///
/// Not thread-safe by design: one state per thread. Every call into Lua goes
/// through `lua_pcall`, so a Lua error never unwinds a Swift frame. The
/// budgets of ``LuaBudget`` are enforced only while user code runs; the
/// engine's own conversions run unbudgeted so that they cannot fail halfway.
///
/// ```swift
/// let lua = try LuaState()
/// let values = try lua.run("return 1 + 1", chunk: "example.lua")   // [.number(2)]
/// ```
public final class LuaState {
    let L: OpaquePointer
    private let budgetCounters: UnsafeMutablePointer<ccts_budget>
    public var budget: LuaBudget {
        didSet { applyBudget() }
    }
    /// Registry reference of the sandbox bootstrap's table (`new_env`, `set_exports`).
    private var sandboxReference: Int32 = 0
    /// Registry reference of the engine's internal helper table, if a prelude installed one.
    private var internalReference: Int32?
    /// Lua keeps at most 59 characters of a chunk name; longer paths load under their
    /// last component and are restored in error messages.
    private var fullChunkNames: [String: String] = [:]
    /// Host functions offered to the prelude (``provide(_:_:)``), kept alive with the state.
    var hostBoxes: [(name: String, box: HostBox)] = []

    /// Creates a state with the safe libraries and the sandbox bootstrap loaded.
    /// - Throws: ``LuaError`` if Lua cannot be initialised (out of memory).
    public init(budget: LuaBudget = .standard) throws {
        self.budget = budget
        budgetCounters = .allocate(capacity: 1)
        budgetCounters.initialize(to: ccts_budget())
        guard let state = ccts_newstate(budgetCounters) else {
            budgetCounters.deallocate()
            throw LuaError(kind: .runtime, chunk: "(engine)", message: "could not create a Lua state")
        }
        L = state
        applyBudget()
        // From here on the instance is whole: if this init throws, deinit closes the state and
        // frees the counters (closing them here too would free them twice).
        guard ccts_open_safe_libs(L) == LUA_OK else {
            throw LuaError(kind: .runtime, chunk: "(engine)", message: popMessage())
        }
        try installSandbox()
    }

    deinit {
        lua_close(L)
        budgetCounters.deallocate()
    }

    private func applyBudget() {
        budgetCounters.pointee.limit = budget.memoryBytes
        budgetCounters.pointee.instruction_limit = budget.instructions
        budgetCounters.pointee.deadline_ns = (budget.deadline ?? LuaBudget.commandDeadline)?.nanoseconds ?? 0
    }

    /// Current stack height; the bridge restores it after every call.
    public var stackTop: Int32 { lua_gettop(L) }

    // MARK: Sandbox

    private func installSandbox() throws {
        // Trusted bootstrap: runs with the real globals, returns the sandbox table. [-0, +0]
        ccts_register_budget_probe(L)
        try loadText(SandboxBootstrap.source, chunk: "=(sandbox)")
        try protectedCall(arguments: 0, results: 1, chunk: "(sandbox)", budgeted: false)
        sandboxReference = luaL_ref(L, ccts_registryindex())
    }

    /// Offers `body` to the prelude as `host[name]` (the prelude receives the table `host` as its
    /// argument `...`). Call before ``installPrelude(_:chunk:)``.
    public func provide(_ name: String, _ body: @escaping HostFunction) {
        hostBoxes.append((name, HostBox(body: body, state: self)))
    }

    /// Makes `exports` (a table the prelude returned) visible as names in every later chunk,
    /// and keeps `internal` for ``callInternal(_:_:)``.
    ///
    /// The prelude is engine code, but it still runs inside the sandbox, under the budgets.
    /// - Parameters:
    ///   - source: Lua text returning `{ exports = {…}, internal = {…} }`.
    ///   - chunk: the name errors will carry.
    public func installPrelude(_ source: String, chunk: String) throws {
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        try loadSandboxed(source, chunk: chunk)
        pushHostFunctions()
        try protectedCall(arguments: 1, results: 1, chunk: chunk, budgeted: true)
        // stack: prelude
        guard lua_type(L, -1) == LUA_TTABLE else {
            throw LuaError(kind: .conversion, chunk: chunk, message: "\(chunk): the prelude must return a table")
        }
        lua_getfield(L, -1, "internal")  // prelude, internal
        internalReference = luaL_ref(L, ccts_registryindex())  // prelude
        pushSandboxFunction("set_exports")  // prelude, set_exports
        lua_getfield(L, -2, "exports")  // prelude, set_exports, exports
        try protectedCall(arguments: 1, results: 0, chunk: chunk, budgeted: false)
    }

    // MARK: Running code

    /// Runs an untrusted text chunk in a fresh sandbox environment and returns its values.
    ///
    /// - Parameters:
    ///   - source: Lua source text; binary chunks are refused.
    ///   - chunk: the file name errors will carry (e.g. `Scenarios/cement.lua`).
    /// - Throws: ``LuaError`` for syntax errors, runtime errors, budget overruns,
    ///   and values that cannot be converted.
    @discardableResult
    public func run(_ source: String, chunk: String) throws -> [LuaValue] {
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        try loadSandboxed(source, chunk: chunk)
        try protectedCall(arguments: 0, results: LUA_MULTRET, chunk: chunk, budgeted: true)
        return try collectResults(from: top, chunk: chunk)
    }

    /// Calls a function the scripts left behind, with converted arguments, under the budgets.
    public func call(_ function: LuaFunctionRef, _ arguments: [LuaValue]) throws -> [LuaValue] {
        precondition(function.owner === self, "a LuaFunctionRef must be called on the state that made it")
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        lua_rawgeti(L, ccts_registryindex(), lua_Integer(function.reference))
        for argument in arguments { push(argument) }
        try protectedCall(
            arguments: Int32(arguments.count), results: LUA_MULTRET, chunk: function.chunk, budgeted: true)
        return try collectResults(from: top, chunk: function.chunk)
    }

    /// Calls `internal[name](arguments…)` of the installed prelude, under the budgets.
    /// Errors raised there carry the chunk and line of the user code that caused them.
    @discardableResult
    public func callInternal(_ name: String, _ arguments: [LuaValue], chunk: String = "(engine)") throws -> [LuaValue] {
        guard let internalReference else {
            preconditionFailure("callInternal(\(name)) before installPrelude")
        }
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        lua_rawgeti(L, ccts_registryindex(), lua_Integer(internalReference))
        lua_getfield(L, -1, name)
        ccts_remove(L, -2)
        precondition(lua_type(L, -1) == LUA_TFUNCTION, "prelude has no internal function \(name)")
        for argument in arguments { push(argument) }
        try protectedCall(arguments: Int32(arguments.count), results: LUA_MULTRET, chunk: chunk, budgeted: true)
        return try collectResults(from: top, chunk: chunk)
    }

    func release(_ reference: Int32) {
        luaL_unref(L, ccts_registryindex(), reference)
    }

    // MARK: Internals

    /// Loads `source` as text and gives it a fresh sandbox `_ENV`. Stack: [-0, +1].
    private func loadSandboxed(_ source: String, chunk: String) throws {
        try loadText(source, chunk: "=" + luaChunkName(chunk))
        pushSandboxFunction("new_env")  // fn, new_env
        lua_pushstring(L, chunk)  // fn, new_env, chunk
        try protectedCall(arguments: 1, results: 1, chunk: chunk, budgeted: false)  // fn, env
        guard lua_setupvalue(L, -2, 1) != nil else {  // fn   (env is now its _ENV)
            ccts_pop(L, 1)
            return
        }
    }

    private func luaChunkName(_ chunk: String) -> String {
        guard chunk.utf8.count > 55 else { return chunk }
        let short = String(chunk.split(separator: "/").last ?? Substring(chunk)).suffix(55)
        fullChunkNames[String(short)] = chunk
        return String(short)
    }

    /// The file and line where the function at `index` was written (`reform.lua:3`), from
    /// Lua's own record of its source; nil for a C function. Stack: [-0, +0].
    func definition(ofFunctionAt index: Int32) -> String? {
        var info = lua_Debug()
        lua_pushvalue(L, index)
        guard lua_getinfo(L, ">S", &info) != 0, let source = info.source else { return nil }
        var name = String(cString: source)
        guard name.hasPrefix("=") || name.hasPrefix("@") else { return nil }
        name.removeFirst()
        guard info.linedefined > 0 else { return nil }
        return "\(fullChunkNames[name] ?? name):\(info.linedefined)"
    }

    /// Restores full file names that Lua only knew by their short form.
    private func expandChunkNames(_ message: String) -> String {
        for (short, full) in fullChunkNames where message.hasPrefix(short + ":") {
            return full + message.dropFirst(short.count)
        }
        return message
    }

    /// Pushes `sandbox[name]`. Stack: [-0, +1].
    private func pushSandboxFunction(_ name: String) {
        lua_rawgeti(L, ccts_registryindex(), lua_Integer(sandboxReference))
        lua_getfield(L, -1, name)
        ccts_remove(L, -2)
    }

    /// Stack: [-0, +1] the function, or throws with the stack unchanged.
    private func loadText(_ source: String, chunk: String) throws {
        let status = source.utf8CString.withUnsafeBufferPointer { buffer in
            ccts_load_text(L, buffer.baseAddress, buffer.count - 1, chunk)
        }
        guard status == LUA_OK else {
            let message = expandChunkNames(popMessage())
            let name = fullChunkNames[String(chunk.dropFirst())] ?? String(chunk.dropFirst())
            if status == LUA_ERRMEM {
                throw LuaError(kind: .memoryBudget, chunk: name, message: message)
            }
            throw LuaError(kind: .syntax, chunk: name, message: message)
        }
    }

    /// Calls the function below `arguments` values with a message handler. Stack: [-(n+1), +results].
    func protectedCall(arguments: Int32, results: Int32, chunk: String, budgeted: Bool) throws {
        let functionIndex = lua_gettop(L) - arguments
        ccts_pushcfunction(L, ccts_message_handler)
        lua_rotate(L, functionIndex, 1)  // handler below the function
        let counters = budgetCounters
        counters.pointee.instructions = 0
        counters.pointee.memory_exceeded = 0
        counters.pointee.instructions_exceeded = 0
        counters.pointee.time_exceeded = 0
        counters.pointee.enforcing = budgeted ? 1 : 0
        let status = ccts_pcall(L, arguments, results, functionIndex)
        counters.pointee.enforcing = 0
        ccts_remove(L, functionIndex)  // drop the handler
        guard status == LUA_OK else {
            let message = expandChunkNames(popMessage())
            if status == LUA_ERRMEM || counters.pointee.memory_exceeded != 0 {
                let limit = budget.memoryBytes >> 20
                throw LuaError(kind: .memoryBudget, chunk: chunk, message: "limit \(limit) MiB")
            }
            if counters.pointee.time_exceeded != 0 {
                let seconds = (budget.deadline ?? LuaBudget.commandDeadline)?.seconds ?? 0
                throw LuaError(
                    kind: .timeBudget, chunk: chunk,
                    message: "the command's time budget of \(seconds) s ran out in Lua code")
            }
            if counters.pointee.instructions_exceeded != 0 {
                throw LuaError(
                    kind: .instructionBudget, chunk: chunk,
                    message: "instruction budget of \(budget.instructions) exceeded")
            }
            throw LuaError(kind: .runtime, chunk: chunk, message: message)
        }
    }

    private func popMessage() -> String {
        var length = 0
        let text: String
        if lua_type(L, -1) == LUA_TSTRING, let pointer = ccts_tostring(L, -1, &length) {
            text = String(decoding: UnsafeRawBufferPointer(start: pointer, count: length), as: UTF8.self)
        } else {
            text = "(no message)"
        }
        ccts_pop(L, 1)
        return text
    }

    private func collectResults(from top: Int32, chunk: String) throws -> [LuaValue] {
        var converter = LuaValueConverter(state: self, chunk: chunk)
        var values: [LuaValue] = []
        let newTop = lua_gettop(L)
        if newTop > top {
            for index in (top + 1)...newTop {
                values.append(try converter.convert(at: index))
            }
        }
        return values
    }
}
