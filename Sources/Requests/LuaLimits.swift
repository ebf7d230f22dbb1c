/// The Lua budget a request states, in the units its options give.
public struct LuaLimits: Codable, Sendable, Equatable {
    /// Instructions per chunk or rule-function call, in millions (`--max-instructions`).
    public var millionInstructions: Int64
    /// Memory per Lua state, MiB (`--max-memory-mb`).
    public var memoryMebibytes: Int
    /// Wall-clock budget for all the command's Lua (`--max-seconds`).
    public var seconds: Double

    public init(millionInstructions: Int64 = 50, memoryMebibytes: Int = 64, seconds: Double = 60) {
        self.millionInstructions = millionInstructions
        self.memoryMebibytes = memoryMebibytes
        self.seconds = seconds
    }
}
