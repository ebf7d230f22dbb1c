/// What `ccts compare` is asked: its portfolio files, the rule sets to compare, the worlds. The
/// files are named, not held: ``WorkflowInputs`` gives their texts (from disk, or from the store
/// for a re-run). A stored compare run keeps its request, so a re-run or a merge computes from
/// the request itself instead of reading a command line again.
public struct CompareRequest: Codable, Sendable, Equatable {
    /// Portfolio or scenario files, as given.
    public var portfolios: [String]
    /// Each `--reform`: a variant compared with the base rules (not applied on top of one another).
    public var reforms: [String]
    /// The `--rules` folder (nil: the built-in set).
    public var rules: String?
    /// `--set path=value` overrides, in every variant.
    public var sets: [String]
    public var lua: LuaLimits
    /// Monte Carlo worlds per entity; nil: one evaluation at expected values.
    public var iterations: Int?
    public var seed: UInt64
    public var threads: Int
    /// Only this shard of the rule sets (index mod N = K), for `ccts merge`.
    public var shard: ShardSpec?

    public init(
        portfolios: [String], reforms: [String] = [], rules: String? = nil, sets: [String] = [],
        lua: LuaLimits = LuaLimits(), iterations: Int? = nil, seed: UInt64 = 1, threads: Int = 1,
        shard: ShardSpec? = nil
    ) {
        self.portfolios = portfolios
        self.reforms = reforms
        self.rules = rules
        self.sets = sets
        self.lua = lua
        self.iterations = iterations
        self.seed = seed
        self.threads = threads
        self.shard = shard
    }

    /// Every file the request names, portfolios first.
    public var fileNames: [String] { portfolios + reforms }

    /// The rule sets compared: the base and each reform.
    public var variants: Int { reforms.count + 1 }
}
