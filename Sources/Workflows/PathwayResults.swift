import CCTS
import Simulation

/// What `pathway` finds: its years, each measure alone, the sets searched, the answers at each
/// price. What a stored run keeps and a re-run must reproduce.
extension PathwayWorkflow {
    public struct YearRow: Codable, Sendable {
        public var year: String, target: Double, targetSource: String, geiBaseline: Double, gei: Double,
            emissions: Double,
            credits: Double
        public var price: Double, complianceCost: Double, measureCost: Double, closingBalance: Double
        /// The GEI with the least-cost set only (--optimise, when a set meets the probability).
        public var geiLeastCost: Double?
        /// The year's cost with every measure, line by line (nil in runs stored before).
        public var costLines: CostLines?
    }
    /// A pathway year's cost with every measure, INR, undiscounted: `measureCost` = capex + opex;
    /// `complianceCost` = cccsBought + offsets + cccsSold (the shortfall bought at the year's price
    /// instead of compensation); `carried`: the CCCs banked out of the year at its price (negative, a
    /// holding; not in the cost).
    public struct CostLines: Codable, Sendable {
        public var capex: Double, opex: Double, cccsBought: Double, offsets: Double, offsetsNotCounted: Double
        public var cccsSold: Double, carried: Double
        public var net: Double { capex + opex + cccsBought + offsets + cccsSold }

        public init(_ year: YearOutcome, measures: [Measure]) {
            let c = year.costBreakdown, m = Pathway.measureCostLines(measures, in: year.year)
            (capex, opex) = (m.capex, m.opex)
            cccsBought = c.purchased.inr + year.ledger.shortfall * year.price
            (offsets, offsetsNotCounted, cccsSold, carried) = (
                c.offsets.inr, c.offsetsNotCounted.inr, c.sold.inr, c.carried.inr
            )
        }
    }
    public struct MeasureRow: Codable, Sendable {
        public var name: String, start: String, averageAbatement: Double, annualCost: Double, costPerTonne: Double?,
            cumulativeAbatement: Double
        /// The measure alone: its total net present cost less the baseline's (negative: it saves money, the
        /// certificates it earns or saves counted at each year's price); nil in runs stored before.
        public var netPresentCost: Double?
        /// `costPerTonne` less the mean CCC price of its active years: what a tonne costs net of the certificate it
        /// earns or saves.
        public var netCostPerTonne: Double?
    }
    public struct SetRow: Codable, Sendable {
        /// `presentCost`: the measures' capex and opex alone, discounted (not the total: see `totalPresentCost`).
        public var measures: [String], probability: Double, presentCost: Double
        /// Per year: the share of worlds meeting that year's target without buying CCCs.
        public var probabilityByYear: [Double]
        /// The mean over worlds of the total net present cost (``Pathway/netPresentCost(_:measures:rate:)``),
        /// and its Monte Carlo standard error; nil in runs stored before.
        public var totalPresentCost: Double? = nil, totalPresentCostStandardError: Double? = nil
        /// True for a subset an exhaustive search skipped because its measures exclude or require each other.
        public var excluded: Bool? = nil
        /// What the sets are ranked by: the total, or (runs stored before) the measures' cost.
        public var rankingCost: Double { totalPresentCost ?? presentCost }
    }
    /// When no set reaches the probability asked: the best reached, and what lower probabilities cost.
    public struct Shortfall: Codable, Sendable {
        public var best: SetRow, bindingYear: String, bindingProbability: Double
        public var cheapestAtLowerProbabilities: [LowerProbability]
    }
    /// The baseline year of the targets: its GEI and (where stated) output, numbers not text.
    public struct Baseline: Codable, Sendable {
        public var year: String, gei: Double, output: Double?
        public var sentence: String {
            "\(year): GEI \(gei)" + (output.map { ", output \(NumberFormat.grouped($0)) t" } ?? "")
        }
    }
    public struct LowerProbability: Codable, Sendable { public var probability: Double, set: SetRow? }
    public struct Document: Codable, Sendable {
        public var scenario: String, baseline: Baseline?, discountRate: Double, years: [YearRow], macCurve: [MeasureRow]
        public var baselineNpv: Double, pathwayNpv: Double, leastCost: SetRow?, feasibleSets: [SetRow]?,
            shortfall: Shortfall?
        /// The least total net present cost of every set, whatever its probability of meeting the targets
        /// (the empty set is "no measure, trade"); nil without --optimise.
        public var leastTotalCost: SetRow? = nil
        /// How the solver found the least-cost set (nil: without --optimise, or every subset evaluated exactly).
        public var solver: SolverReport? = nil
        /// The answers at each `--price` (nil without).
        public var byPrice: [PriceRow]? = nil
        public var assumptions: [String]
        public var warnings: [String]
    }

    /// How the least-cost set was found, for the document and the page.
    public struct SolverReport: Codable, Sendable {
        /// What solved it, on how many worlds.
        public var method: String, worlds: Int
        /// The model's solve for the probability asked: optimal, feasible (a gap), infeasible…
        public var status: String
        /// The model's total net present cost of its answer, its proven bound and relative gap.
        public var modelCost: Double?, bound: Double?, gap: Double?
        /// The sets evaluated exactly (the measures alone, the answers and their neighbours).
        public var setsEvaluatedExactly: Int
        /// Whether the exact evaluation kept the model's answer (false: a set one or more measures
        /// away did better exactly); nil when the model had no answer.
        public var answerKept: Bool?
    }

    /// One price of `--price`.
    public struct PriceRow: Codable, Sendable {
        public var price: Double
        /// Per measure, in the order of the measures file: its NPV against none at this price, and its
        /// break-even price.
        public var measures: [MeasureAtPrice]
        /// With --optimise: the least-cost set meeting the probability (nil: none does), and the least
        /// total cost whatever the probability.
        public var leastCost: SetRow?, leastTotalCost: SetRow?
    }
    public struct MeasureAtPrice: Codable, Sendable {
        public var name: String, netPresentCost: Double
        public var breakEvenPrice: Double?
    }

}
