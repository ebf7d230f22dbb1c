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

    /// The least memory a Lua state may be given, MiB (`--max-memory-mb`).
    public static let minimumMemoryMebibytes = 4
    /// The longest budget, seconds (`--max-seconds`): beyond it the deadline's nanoseconds overflow.
    public static let maximumSeconds = 1e9

    /// Whether a budget of `seconds` can be kept: more than 0 and at most ``maximumSeconds``.
    public static func holds(seconds: Double) -> Bool { seconds > 0 && seconds <= maximumSeconds }

    /// What is wrong with the limits, naming the field (nil when they hold): the bounds the options
    /// `--max-instructions`, `--max-memory-mb` and `--max-seconds` are held to.
    public var problem: String? {
        if millionInstructions < 1 { return "millionInstructions: expected at least 1, got \(millionInstructions)" }
        if memoryMebibytes < Self.minimumMemoryMebibytes {
            return "memoryMebibytes: expected at least \(Self.minimumMemoryMebibytes), got \(memoryMebibytes)"
        }
        if !Self.holds(seconds: seconds) { return "seconds: expected more than 0 and at most 1e9, got \(seconds)" }
        return nil
    }
}
