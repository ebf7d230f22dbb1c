/// What `ccts pathway` is asked: the scenario and measures files (named; ``WorkflowInputs`` gives
/// their texts), the horizon and discount rate, and with `optimise` the search for the least-cost
/// set of measures. A stored pathway run keeps its request, which a re-run and a merge compute from.
public struct PathwayRequest: Codable, Sendable, Equatable {
    public var scenario: String
    public var measures: String
    /// Run up to this year (nil: the measures file's horizon, else the scenario's last year).
    public var horizon: String?
    /// nil: the measures file's, else 0.10.
    public var discountRate: Double?
    /// Search the least-cost set of measures meeting every target with `probability`.
    public var optimise: Bool
    /// With `optimise`: evaluate every subset exactly (at most 12 measures) instead of solving.
    public var exhaustive: Bool
    /// Also answer at each of these CCC prices, the same in every year.
    public var prices: [Double]
    public var probability: Double
    /// Worlds per candidate set, for `optimise`.
    public var iterations: Int
    public var seed: UInt64
    /// The `--rules` folder (nil: the built-in set).
    public var rules: String?
    public var reforms: [String]
    public var sets: [String]
    /// Treat a factor or target used outside its validity period as an error.
    public var strict: Bool
    public var lua: LuaLimits
    /// Only this shard of the candidate sets (mask mod N = K), for `ccts merge`.
    public var shard: ShardSpec?

    public init(
        scenario: String, measures: String, horizon: String? = nil, discountRate: Double? = nil,
        optimise: Bool = false, exhaustive: Bool = false, prices: [Double] = [], probability: Double = 0.9,
        iterations: Int = 2_000, seed: UInt64 = 1, rules: String? = nil, reforms: [String] = [],
        sets: [String] = [], strict: Bool = false, lua: LuaLimits = LuaLimits(), shard: ShardSpec? = nil
    ) {
        self.scenario = scenario
        self.measures = measures
        self.horizon = horizon
        self.discountRate = discountRate
        self.optimise = optimise
        self.exhaustive = exhaustive
        self.prices = prices
        self.probability = probability
        self.iterations = iterations
        self.seed = seed
        self.rules = rules
        self.reforms = reforms
        self.sets = sets
        self.strict = strict
        self.lua = lua
        self.shard = shard
    }

    /// The fewest worlds an optimising pathway evaluates its sets on (`--iterations` below it is refused).
    public static let minimumWorlds = 100

    /// Every file the request names: the scenario, the measures, the reforms.
    public var fileNames: [String] { [scenario, measures] + reforms }
}
