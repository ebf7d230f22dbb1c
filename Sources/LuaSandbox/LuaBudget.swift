/// The limits one Lua state runs under.
///
/// Rule and scenario files are code written by other people; the budgets make
/// sure that a runaway loop or a memory bomb in one of them ends as an error
/// naming the file, not as a hung or killed engine.
public struct LuaBudget: Sendable, Equatable {
    /// VM instructions one chunk or one function call may execute (counted in steps of 1,000).
    public var instructions: Int64
    /// Bytes the state may hold while user code runs.
    public var memoryBytes: Int

    public init(instructions: Int64 = 50_000_000, memoryBytes: Int = 64 << 20) {
        self.instructions = instructions
        self.memoryBytes = memoryBytes
    }

    /// Defaults for loading a rule set or a scenario: 50 million instructions, 64 MiB.
    public static let standard = LuaBudget()
}
