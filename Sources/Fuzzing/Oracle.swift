import CCTS
import Foundation
import Loading
import LuaSandbox
import Reports
import Simulation
import Market

/// What a fuzzed input is, and which commands it goes through.
public enum FuzzTarget: String, Sendable, CaseIterable {
    /// `table`: a CSV that a shipped scenario reads with `lines_from` (the text is the table's).
    case scenario, rule, reform, measures, portfolio, table
    /// Generated families (``FamilyInputs``): a workbook's sheet XML under an archive attack line, a
    /// `--set` argument, a correlations block, a planning section.
    case workbook, setting, correlations, planning
}

/// Runs one input the way `check`, `run`, `run --iterations`, `explain`, `pathway` and `compare`
/// would, in process, and judges the outcome: a clean result with finite numbers and whole
/// certificates, or a refusal that names a file in the user's terms. Anything else is a defect.
public struct Oracle {
    public enum Verdict: Equatable, Sendable {
        case ran
        case refused(String)
        case defect(String)
    }

    /// Shipped files the mutants are combined with.
    public let scenario: SourceFile
    public let measures: SourceFile
    public let ruleFiles: [SourceFile]
    /// Worlds of the small Monte Carlo run each input gets.
    public var worlds = 200
    /// The scenario that reads the fuzzed tables, and the name under which it reads them.
    public var tableScenario: SourceFile?
    public var tableName = ""
    /// Where the generated families' inputs go (nil: they are not judged).
    public var families: FamilyInputs?

    public init(scenario: SourceFile, measures: SourceFile, ruleFiles: [SourceFile]) {
        self.scenario = scenario
        self.measures = measures
        self.ruleFiles = ruleFiles
    }

    /// Words that mean a Swift or Foundation internal reached a message.
    static let internalWords = [
        "Swift.", "EncodingError", "DecodingError", "Optional(", "NSCocoaErrorDomain", "(engine)", "Fatal error",
        "LuaValue", "InputError(", "LuaError(",
    ]

    /// A message that shows a non-finite number ("nan", "inf") as a word.
    /// (Lua's own "table index is NaN", about a script that indexes a table with 0/0, is the
    /// user's own words and is accepted.)
    static func showsNonFinite(_ message: String) -> Bool {
        message.replacingOccurrences(of: "table index is NaN", with: "").lowercased()
            .split { !$0.isLetter }.contains { $0 == "nan" || $0 == "inf" }
    }

    public func judge(_ text: String, as target: FuzzTarget, name: String) -> Verdict {
        let budget = LuaBudget(
            instructions: 5_000_000, memoryBytes: 64 << 20, deadline: CommandDeadline(secondsFromNow: 10))
        var loader = Loader(budget: budget)
        let file = SourceFile(name: name, text: text)
        do {
            switch target {
            case .scenario:
                try runScenario(try loader.load(scenario: file, ruleFiles: ruleFiles))
            case .rule:
                let rules = ruleFiles.map { $0.name == name ? file : $0 }
                try runScenario(try loader.load(scenario: scenario, ruleFiles: rules))
            case .reform:
                try runScenario(try loader.load(scenario: scenario, ruleFiles: ruleFiles, reformFiles: [file]))
            case .measures:
                let inputs = try loader.load(scenario: scenario, ruleFiles: ruleFiles)
                let plan = try loader.loadMeasures(file, rules: inputs.rules)
                let base = Pathway.extend(
                    inputs.scenario!, rules: inputs.rules, to: plan.horizon ?? inputs.scenario!.years.last!.year,
                    annualReduction: plan.annualTargetReduction)
                for measure in plan.measures {
                    let outcome = try Evaluation.expected(
                        try Evaluation.applying([measure], to: base, rules: inputs.rules), rules: inputs.rules,
                        tracing: false)
                    try checkOutcome(outcome)
                    _ = measure.annualisedCapex(rate: plan.discountRate)
                }
            case .table:
                guard let tableScenario else { return .ran }
                // a regression file keeps its `-- target: table` line above the table's rows
                let rows = text.hasPrefix("-- ") ? String(text.drop { $0 != "\n" }.dropFirst()) : text
                loader.tables = .stored([tableName: Data(rows.utf8)])
                try runScenario(try loader.load(scenario: tableScenario, ruleFiles: ruleFiles))
            case .workbook, .setting, .correlations, .planning:
                guard let families else { return .ran }
                try judgeFamily(text, as: target, loader: &loader, inputs: families)
            case .portfolio:
                let portfolio = try loader.loadPortfolio([file], ruleFiles: ruleFiles, reformFiles: [])
                let market = try PortfolioMarket.run(
                    portfolio.entities, rules: portfolio.rules, worlds: 20, seed: 1, threads: 1,
                    factorUncertainty: false)
                for value in market.issued + market.surrender + market.compensation where !value.isFinite {
                    return .defect("compare: a market total is \(value)")
                }
            }
            return .ran
        } catch let defect as Defect {
            return .defect(defect.description)
        } catch {
            let message = "\(error)"
            if let word = Self.internalWords.first(where: { message.contains($0) }) {
                return .defect("message holds '\(word)': \(message)")
            }
            // A `--set` quoted back may hold the user's own "nan" or "inf": only the rest is judged.
            // So may a cell quoted back (`found "INF"`).
            let ours = (target == .setting ? message.replacingOccurrences(of: Self.input(text), with: "") : message)
                .replacing(#/found "[^"]*"/#, with: "")
            if Self.showsNonFinite(ours) { return .defect("message shows a non-finite number: \(message)") }
            guard message.contains(".lua") || message.contains("--set") else {
                return .defect("message names no file: \(message)")
            }
            return .refused(message)
        }
    }

    struct Defect: Error, CustomStringConvertible { var description: String }

    /// `run` (with its JSON), `explain` and a small Monte Carlo run of a loaded scenario.
    func runScenario(_ inputs: LoadedInputs) throws {
        guard let scenario = inputs.scenario else { return }
        let outcome = try Evaluation.expected(scenario, rules: inputs.rules, tracing: true)
        try checkOutcome(outcome)
        _ = try OutcomeJSON(outcome: outcome, rules: inputs.rules, scenarioFile: scenario.file, changes: []).encoded()
        _ = ExplainReport.render(outcome, year: nil)
        let plan = try PlanCompiler(rules: inputs.rules).compile(scenario)
        let results = try MonteCarlo.run(
            plans: [plan],
            options: MonteCarloOptions(iterations: worlds, seed: 1, threads: 1, sensitivitySample: worlds))
        let summary = MonteCarloSummary.of(results, seed: 1, threads: 1)
        _ = try MonteCarloJSON(
            summary: summary, scenario: scenario.name, scenarioFile: scenario.file,
            registration: scenario.entity.registration, sector: scenario.entity.sector,
            rules: inputs.rules, changes: [], threads: 1, seconds: 0, warnings: []
        ).encoded()
        _ = try Evaluation.world(worlds - 1, seed: 1, scenario: scenario, rules: inputs.rules, tracing: true)
    }

    /// Finite numbers everywhere; whole certificates.
    private func checkOutcome(_ outcome: ScenarioOutcome) throws {
        for year in outcome.years {
            let l = year.ledger
            for (name, x) in [
                ("emissions", year.emissions.total), ("GEI", year.compliance.gei), ("cost", year.cost),
                ("compensation", year.compensation), ("closing", l.closing),
            ] where !x.isFinite {
                throw Defect(description: "\(year.year) \(name) is \(x)")
            }
            for (name, x) in [
                ("issued", year.compliance.issued), ("surrender", year.compliance.surrenderRequired),
                ("offsets", l.offsets),
                ("purchased", l.purchased), ("sold", l.sold), ("closing", l.closing), ("shortfall", l.shortfall),
            ]
            where x != x.rounded() || x < 0 && name != "closing" {
                throw Defect(description: "\(year.year) \(name) is \(x): certificates must be whole and not negative")
            }
        }
    }
}
