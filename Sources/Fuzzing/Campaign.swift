import Foundation
import Loading

/// A fuzzing campaign: mutants of a seed corpus through the ``Oracle``, for a number of inputs
/// or a time, from one seed (so a campaign re-runs input for input).
public struct Campaign {
    public struct Seed: Sendable {
        public var target: FuzzTarget
        public var file: SourceFile
        public init(target: FuzzTarget, file: SourceFile) {
            self.target = target
            self.file = file
        }
    }

    public struct Report: Sendable {
        public var inputs = 0
        public var ran = 0
        public var refused = 0
        public var defects: [(target: FuzzTarget, name: String, text: String, why: String)] = []
        public var seconds = 0.0
    }

    public let seeds: [Seed]
    public let oracle: Oracle

    public init(seeds: [Seed], oracle: Oracle) {
        self.seeds = seeds
        self.oracle = oracle
    }

    /// The shipped corpus below `root` (a checkout): scenarios, rules, reforms, measures, portfolios,
    /// and the monthly CSV a scenario reads.
    public static func corpus(root: URL) throws -> (seeds: [Seed], oracle: Oracle) {
        func files(_ folder: String) throws -> [SourceFile] {
            let url = root.appendingPathComponent(folder)
            return try FileManager.default.contentsOfDirectory(atPath: url.path).filter { $0.hasSuffix(".lua") }
                .sorted()
                .map { try SourceFile.read(url.appendingPathComponent($0).path) }
        }
        let scenarios = try files("Scenarios"), rules = try RuleSource.builtIn.files(),
            reforms = try files("Scenarios/reforms")
        func target(_ file: SourceFile) -> FuzzTarget {
            let base = (file.name as NSString).lastPathComponent
            return base.hasPrefix("portfolio-") ? .portfolio : base.hasPrefix("measures-") ? .measures : .scenario
        }
        var seeds = scenarios.map { Seed(target: target($0), file: $0) }
        seeds += rules.map { Seed(target: .rule, file: $0) } + reforms.map { Seed(target: .reform, file: $0) }
        let cement = try SourceFile.read(root.appendingPathComponent("Scenarios/cement-rajasthan.lua").path)
        let measures = try SourceFile.read(root.appendingPathComponent("Scenarios/measures-cement-rajasthan.lua").path)
        var oracle = Oracle(scenario: cement, measures: measures, ruleFiles: rules)
        // Tables: the monthly monitoring sheet, mutated, read by the scenario that reads it.
        let monthly = try SourceFile.read(root.appendingPathComponent("Scenarios/cement-rajasthan-monthly.lua").path)
        let table = root.appendingPathComponent("Scenarios/data/cement-rajasthan-fuels-monthly.csv").path
        oracle.tableScenario = monthly
        oracle.tableName = table
        seeds.append(
            Seed(
                target: .table, file: SourceFile(name: table, text: try String(contentsOfFile: table, encoding: .utf8)))
        )
        return (seeds, oracle)
    }

    /// Runs until `inputs` mutants were judged or `seconds` passed, whichever comes first.
    /// - Parameter onDefect: called with each defect as it is found (to save it at once).
    public func run(
        seed: UInt64, inputs: Int, seconds: Double,
        onDefect: (Seed, String, String) -> Void = { _, _, _ in }
    ) -> Report {
        var mutator = Mutator(generator: .init(state: seed))
        var report = Report()
        let start = Date()
        // Large seeds (the 282-entity portfolio) are fuzzed less often: each is costly to judge.
        let weighted = seeds.flatMap { seed in Array(repeating: seed, count: seed.file.text.utf8.count > 40_000 ? 1 : 4)
        }
        while report.inputs < inputs, Date().timeIntervalSince(start) < seconds {
            let seed = weighted[mutator.generator.below(weighted.count)]
            let text = mutator.mutate(seed.file.text)
            report.inputs += 1
            switch oracle.judge(text, as: seed.target, name: seed.file.name) {
            case .ran: report.ran += 1
            case .refused: report.refused += 1
            case .defect(let why):
                report.defects.append((seed.target, seed.file.name, text, why))
                onDefect(seed, text, why)
            }
        }
        report.seconds = Date().timeIntervalSince(start)
        return report
    }
}
