/// What `ccts run` is asked, its files named (not held): what a job file carries for a run. The
/// command line and a job file both turn it into the library's `RunRequest` (which holds the texts)
/// by reading the files it names.
public struct RunOptions: Codable, Sendable, Equatable {
    public var scenario: String
    /// The `--rules` folder (nil: the built-in set).
    public var rules: String?
    public var reforms: [String]
    public var sets: [String]
    public var strict: Bool
    public var lua: LuaLimits
    /// Monte Carlo worlds (nil: one run at expected values).
    public var iterations: Int?
    public var seed: UInt64
    public var threads: Int

    public init(
        scenario: String, rules: String? = nil, reforms: [String] = [], sets: [String] = [], strict: Bool = false,
        lua: LuaLimits = LuaLimits(), iterations: Int? = nil, seed: UInt64 = 1, threads: Int = 1
    ) {
        self.scenario = scenario
        self.rules = rules
        self.reforms = reforms
        self.sets = sets
        self.strict = strict
        self.lua = lua
        self.iterations = iterations
        self.seed = seed
        self.threads = threads
    }

    /// Every file the request names: the scenario, the reforms.
    public var fileNames: [String] { [scenario] + reforms }
}
