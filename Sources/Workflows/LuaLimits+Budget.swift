import LuaSandbox
import Requests

extension LuaLimits {
    /// The budget each Lua state of the request gets.
    public var budget: LuaBudget {
        LuaBudget(instructions: millionInstructions * 1_000_000, memoryBytes: memoryMebibytes << 20)
    }
}
