import CLua

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

    /// When this state's scripts must stop; nil: the command's (``commandDeadline``).
    public var deadline: CommandDeadline?

    public init(instructions: Int64 = 50_000_000, memoryBytes: Int = 64 << 20, deadline: CommandDeadline? = nil) {
        self.instructions = instructions
        self.memoryBytes = memoryBytes
        self.deadline = deadline
    }

    /// The command's wall-clock budget, shared by every Lua state it creates: loading files
    /// and every later call of a rule function must end before it. Set once by the command
    /// (`--max-seconds`); nil means no limit (library use, tests).
    public static var commandDeadline: CommandDeadline? {
        get { CommandDeadline.current }
        set { CommandDeadline.current = newValue }
    }

    /// Defaults for loading a rule set or a scenario: 50 million instructions, 64 MiB.
    public static let standard = LuaBudget()
}

/// A moment on the monotonic clock, with the budget it came from (for the message).
public struct CommandDeadline: Sendable, Equatable {
    public var nanoseconds: Int64
    public var seconds: Double

    /// `seconds` from now.
    public init(secondsFromNow seconds: Double) {
        self.seconds = seconds
        nanoseconds = ccts_monotonic_ns() + Int64(min(seconds, 1e9) * 1e9)
    }

    /// Set by the command before any state exists, then only read.
    nonisolated(unsafe) static var current: CommandDeadline?
}
