/// What `ccts plan` is asked: the scenario with a planning section (named; ``WorkflowInputs`` gives
/// its text), the objective, the grids and the worlds. A stored plan run keeps its request, which a
/// re-run computes from.
public struct PlanRequest: Codable, Sendable, Equatable {
    /// What the plan minimises.
    public enum Objective: String, Codable, Sendable, CaseIterable {
        /// The least expected cost.
        case expected
        /// The least CVaR of the cost at `level`.
        case cvar
        /// The least expected cost with P(non-compliance) ≤ `epsilon`.
        case chance
    }

    public var scenario: String
    /// The `--rules` folder (nil: the built-in set).
    public var rules: String?
    public var reforms: [String]
    public var sets: [String]
    public var strict: Bool
    public var lua: LuaLimits
    /// Worlds to cost each candidate on.
    public var iterations: Int
    public var seed: UInt64
    public var threads: Int
    public var objective: Objective
    /// The CVaR level.
    public var level: Double
    /// The largest acceptable P(non-compliance), for `chance`.
    public var epsilon: Double
    /// Grid steps for a forward purchase and for an offset contract.
    public var steps: Int, offsetSteps: Int
    /// The most the plan may spend on forwards and offsets in any world, INR (nil: the planning section's).
    public var budget: Double?
    /// Stop drawing worlds once the standard error of the mean cost without purchases is below this (INR).
    public var untilStandardError: Double?

    public init(
        scenario: String, rules: String? = nil, reforms: [String] = [], sets: [String] = [], strict: Bool = false,
        lua: LuaLimits = LuaLimits(), iterations: Int = 20_000, seed: UInt64 = 1, threads: Int = 1,
        objective: Objective = .expected, level: Double = 0.95, epsilon: Double = 0.05, steps: Int = 40,
        offsetSteps: Int = 10, budget: Double? = nil, untilStandardError: Double? = nil
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
        self.objective = objective
        self.level = level
        self.epsilon = epsilon
        self.steps = steps
        self.offsetSteps = offsetSteps
        self.budget = budget
        self.untilStandardError = untilStandardError
    }

    /// The fewest worlds a plan's candidates are costed on (`--iterations` below it is refused).
    public static let minimumWorlds = 100
    /// The CVaR levels a plan takes (`--level`).
    public static let levels = 0.5..<1.0
    /// The chance limits a plan takes (`--epsilon`).
    public static let epsilons = 0.0..<1.0
    /// The budgets a plan takes, INR (`--budget`).
    public static let budgets = 0.0...1e15

    /// What is wrong with the request's numbers, naming the field (nil when they hold): the bounds the
    /// command's options are held to, for a request that did not come through them (a job file).
    public var problem: String? {
        if iterations < Self.minimumWorlds {
            return "iterations: expected at least \(Self.minimumWorlds), got \(iterations)"
        }
        if threads < 1 { return "threads: expected at least 1, got \(threads)" }
        if !Self.levels.contains(level) { return "level: expected a value in [0.5, 1), got \(level)" }
        if !Self.epsilons.contains(epsilon) { return "epsilon: expected a value in [0, 1), got \(epsilon)" }
        if steps < 1 || offsetSteps < 1 {
            return "steps, offsetSteps: expected at least 1 each, got \(steps) and \(offsetSteps)"
        }
        if let untilStandardError, !(untilStandardError > 0) {
            return "untilStandardError: expected a positive number, got \(untilStandardError)"
        }
        if let budget, !Self.budgets.contains(budget) { return "budget: expected INR from 0 to 1e15, got \(budget)" }
        return lua.problem.map { "lua.\($0)" }
    }

    /// Every file the request names: the scenario, the reforms.
    public var fileNames: [String] { [scenario] + reforms }
}
