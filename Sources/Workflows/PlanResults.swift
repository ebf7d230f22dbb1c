import CCTS
import Simulation
import Planning

/// What `plan` finds: the recommended plan against buying nothing and three naive plans, what
/// each instrument is worth, the plan when prices move, and what to know before trusting it.
extension PlanWorkflow {
    public struct Instrument: Codable, Sendable {
        public var name: String, decision: String, value: Double, meanQuantity: Double, price: Double
    }
    public struct Comparison: Codable, Sendable { public var plan: String, candidate: ProcurementCandidate }
    /// What an instrument is worth: the best plan without it against the recommended one, in the
    /// objective's own terms (`measure`: "mean cost" or "CVaR 95 % of the cost"); `meanCostWithout`
    /// is the mean cost without it whatever the objective.
    public struct InstrumentValue: Codable, Sendable {
        public var instrument: String, meanCostWithout: Double, value: Double, feasibleWithout: Bool
        /// nil in runs stored before values were measured in the objective's terms (then: mean cost).
        public var measure: String?, objectiveWithout: Double?
    }
    public struct Sensitivity: Codable, Sendable {
        public var change: String, decisions: [Double], meanCost: Double
        /// nil in runs stored before these were kept.
        public var probabilityOfNonCompliance: Double?, costCvar: Double?
    }
    /// One purchase decision swept over its grid with the others at the recommended plan.
    public struct Profile: Codable, Sendable {
        public var instrument: String
        /// The mean CCCs the recommended plan buys or contracts with this instrument.
        public var chosenQuantity: Double
        public var points: [ProfilePoint]
    }
    public struct ProfilePoint: Codable, Sendable {
        public var decision: Double, meanQuantity: Double, meanCost: Double, costCvar: Double,
            probabilityOfNonCompliance: Double
    }
    public struct Document: Codable, Sendable {
        public var scenario: String
        public var years: [String]
        public var objective: String
        public var worlds: Int
        public var seed: UInt64
        public var method: String
        public var evaluations: Int
        public var sweeps: Int
        public var variables: [ProcurementVariable]
        /// nil when no plan meets the chance constraint.
        public var best: ProcurementCandidate?
        public var instruments: [Instrument]
        public var withoutPurchases: ProcurementCandidate
        public var naive: [Comparison]
        public var instrumentValues: [InstrumentValue]
        /// INR of expected cost per unit of P(compensation) allowed, at ε (chance objective only).
        public var shadowPrice: Double?
        public var priceSensitivity: [Sensitivity]
        /// Mean cost and CVaR against the quantity each purchase instrument buys (the report's chart).
        public var profiles: [Profile]
        public var candidates: [ProcurementCandidate]
        public var notes: [String]
        public var stopping: StoppingRule?
        /// What to know before trusting the recommendation, said first
        /// (``PlanAnalysis/cautions(best:feasible:epsilon:method:bound:programmeStart:)``).
        public var cautions: [String]?
        /// The recommended plan's dated cash flows and holdings (nil without a plan, and in runs stored before).
        public var timeline: [TimelineRow]? = nil
        /// A proven lower bound on the objective over the first worlds, against the plan's own value there
        /// (nil under a chance limit, with a Lua compensation function, or in runs stored before).
        public var bound: PlanAnalysis.Bound? = nil
    }
}
