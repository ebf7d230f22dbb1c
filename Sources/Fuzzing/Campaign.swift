import CCTS
import Foundation
import Loading
import ZIPFoundation

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
        /// Inputs judged per family.
        public var byTarget: [FuzzTarget: Int] = [:]
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
        let families = try Self.families(root: root, rules: rules)
        oracle.families = families
        let sheet = families.workbookParts.first { $0.path == families.sheetPart }!.data
        seeds += [
            Seed(
                target: .workbook,
                file: SourceFile(name: families.workbookName, text: String(decoding: sheet, as: UTF8.self))),
            Seed(target: .setting, file: SourceFile(name: "--set", text: "")),
            Seed(target: .correlations, file: SourceFile(name: families.correlationScenario.name, text: "")),
            Seed(target: .planning, file: SourceFile(name: families.planningScenario.name, text: "")),
            // An empty portfolio seed: whole portfolios are generated, not mutated.
            Seed(
                target: .portfolio,
                file: SourceFile(name: root.appendingPathComponent("generated-portfolio.lua").path, text: "")),
        ]
        return (seeds, oracle)
    }

    /// The placements of the generated families (``FamilyInputs``) in the shipped files below `root`.
    static func families(root: URL, rules: [SourceFile]) throws -> FamilyInputs {
        func read(_ path: String) throws -> SourceFile { try SourceFile.read(root.appendingPathComponent(path).path) }
        let workbook = root.appendingPathComponent("Scenarios/data/entities.xlsx").path
        // From its bytes: ZIPFoundation's Archive(url:) leaks the path it opens (the sanitizer run sees it).
        let archive = try Archive(data: try Data(contentsOf: URL(fileURLWithPath: workbook)), accessMode: .read)
        // Bytes as arrays: a Data kept for the whole run (in a test's static corpus) sits in an enum
        // whose spare bits tag its pointer, and the leak sanitizer, not seeing it, calls it leaked.
        var parts: [(path: String, data: [UInt8])] = []
        for entry in archive {
            var data: [UInt8] = []
            _ = try archive.extract(entry) { data.append(contentsOf: $0) }
            parts.append((entry.path, data))
        }
        let sheet = parts.first { String(decoding: $0.data, as: UTF8.self).contains("CEM-SHEET-001") }!.path
        let benchmark = try read("Scenarios/benchmark.lua"),
            plan = try read("Scenarios/plan-chlor-alkali-purchases.lua")
        let loaded = try Loader().load(scenario: benchmark, ruleFiles: rules)
        let correlations = try FamilyInputs.cut(benchmark.text, around: "correlations")
        let planning = try FamilyInputs.cut(plan.text, around: "planning")
        return FamilyInputs(
            workbookPortfolio: try read("Scenarios/portfolio-from-sheet.lua"), workbookName: workbook,
            workbookParts: parts, sheetPart: sheet,
            correlationScenario: (correlations.before, correlations.after, benchmark.name),
            uncertainInputs: UncertainInputs.uncertain(loaded.scenario!).map(\.key),
            planningScenario: (planning.before, planning.after, plan.name),
            vocabulary: FuzzVocabulary(
                products: loaded.rules.sectors.flatMap { sector in sector.products.map { (sector.id, $0.id) } },
                fuels: loaded.rules.fuels.map(\.id)))
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
            let text: String
            switch seed.target {
            case .workbook: text = mutator.workbook(seed.file.text)
            case .setting: text = mutator.setting()
            case .correlations: text = mutator.correlations(oracle.families?.uncertainInputs ?? [])
            case .planning: text = mutator.planning(years: ["2025-26", "2026-27"])
            case .portfolio where seed.file.text.isEmpty:
                guard let words = oracle.families?.vocabulary else { continue }
                text = mutator.portfolio(words)
            default: text = mutator.mutate(seed.file.text)
            }
            report.inputs += 1
            report.byTarget[seed.target, default: 0] += 1
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
