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

    /// What is wrong with the limits, naming the field (nil when they hold): the bounds the options
    /// `--max-instructions`, `--max-memory-mb` and `--max-seconds` are held to.
    public var problem: String? {
        if millionInstructions < 1 { return "millionInstructions: expected at least 1, got \(millionInstructions)" }
        if memoryMebibytes < 4 { return "memoryMebibytes: expected at least 4, got \(memoryMebibytes)" }
        if !(seconds > 0 && seconds <= 1e9) { return "seconds: expected more than 0 and at most 1e9, got \(seconds)" }
        return nil
    }
}
