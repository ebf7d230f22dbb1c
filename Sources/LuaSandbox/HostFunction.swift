import CLua

/// A function the engine offers its prelude (never user files directly): it receives the Lua
/// arguments as values and returns one value, or a message the prelude raises as a Lua error at
/// the caller's line. It runs inside a Lua call, so it must not call back into Lua.
public typealias HostFunction = ([LuaValue]) -> Result<LuaValue, HostFailure>

public struct HostFailure: Error, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

/// Keeps a host function and its state alive while the state can call it.
final class HostBox {
    let body: HostFunction
    unowned let state: LuaState
    init(body: @escaping HostFunction, state: LuaState) {
        self.body = body
        self.state = state
    }
}

/// The one C function behind every host function: its upvalue is the box. No Lua error is ever
/// raised here (a failure is returned as nil, message), so no longjmp crosses a Swift frame.
private let hostTrampoline: lua_CFunction = { L in
    guard let L, let raw = lua_touserdata(L, ccts_upvalueindex(1)) else { return 0 }
    let box = Unmanaged<HostBox>.fromOpaque(raw).takeUnretainedValue()
    return box.state.callHost(box, L)
}

extension LuaState {
    /// Pushes a table `{ name = host function, … }`. Stack: [-0, +1].
    func pushHostFunctions() {
        lua_createtable(L, 0, Int32(hostBoxes.count))
        for (name, box) in hostBoxes {
            lua_pushlightuserdata(L, Unmanaged.passUnretained(box).toOpaque())
            lua_pushcclosure(L, hostTrampoline, 1)
            lua_setfield(L, -2, name)
        }
    }

    func callHost(_ box: HostBox, _ thread: OpaquePointer) -> Int32 {
        let count = lua_gettop(thread)
        var converter = LuaValueConverter(state: self, chunk: "(host)")
        var arguments: [LuaValue] = []
        var result: Result<LuaValue, HostFailure>
        do {
            if count > 0 { for index in 1...count { arguments.append(try converter.convert(at: index)) } }
            result = box.body(arguments)
        } catch {
            result = .failure(HostFailure("\(error)"))
        }
        lua_settop(thread, 0)
        switch result {
        case .success(let value):
            // Pushed with the memory budget suspended (a refused allocation would raise a Lua error
            // through this Swift frame), then checked: a value past the budget is refused.
            let budget = ccts_budget_of(thread)!
            let enforcing = budget.pointee.enforcing
            budget.pointee.enforcing = 0
            push(value)
            budget.pointee.enforcing = enforcing
            guard enforcing == 0 || budget.pointee.used <= budget.pointee.limit else {
                lua_settop(thread, 0)
                lua_pushnil(thread)
                lua_pushstring(
                    thread, "the table is larger than the memory budget of \(self.budget.memoryBytes >> 20) MiB")
                return 2
            }
            return 1
        case .failure(let failure):
            lua_pushnil(thread)
            lua_pushstring(thread, failure.message)
            return 2
        }
    }
}
