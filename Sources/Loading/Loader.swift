import CCTS
import Foundation
import LuaSandbox

/// Everything a command needs from its input files, loaded and checked.
///
/// Keeps the Lua state alive as long as the rule set may call rule functions.
public struct LoadedInputs {
    public let rules: RuleSet
    /// Values changed by reforms and `--set`, old → new.
    public let changes: [RuleChange]
    public let scenario: Scenario?
    /// Every file that went in: rule files, reforms, scenario (for provenance).
    public let files: [SourceFile]
    let lua: LuaState
    /// The CSV and Excel tables the scenario read, name and bytes (for provenance).
    public var tables: [(name: String, bytes: Data)] = []

    /// The tables read, by name: what a further load reads (`.stored`) to see the same bytes.
    public var tableBytes: [String: Data] { TableFiles.byName(tables) }
}

/// Loads rules (built-in or `--rules DIR`), reforms, `--set` overrides and a scenario.
///
/// ```swift
/// let inputs = try Loader(reforms: ["reform.lua"]).load(scenario: "Scenarios/cement.lua")
/// ```
public struct Loader {
    public var ruleSource: RuleSource
    public var reforms: [String]
    public var sets: [String]
    public var budget: LuaBudget
    /// Where the tables scenario and portfolio files name are read: beside them on disk, or a stored run's.
    public var tables: TableFiles.Source = .disk
    /// A stored market run's prices (`--prices-from`), which price every year it cleared.
    public var marketPrices: MarketPrices?

    public init(
        ruleSource: RuleSource = .builtIn, reforms: [String] = [], sets: [String] = [], budget: LuaBudget = .standard
    ) {
        self.ruleSource = ruleSource
        self.reforms = reforms
        self.sets = sets
        self.budget = budget
    }

    /// Loads the rules and, if a path is given, the scenario.
    /// - Throws: ``InputError`` or ``LuaError`` naming the file and the line or field.
    public func load(scenario path: String? = nil) throws -> LoadedInputs {
        try load(scenario: try path.map(SourceFile.read))
    }

    /// As ``load(scenario:)-(String?)`` with the scenario text given (e.g. from the run store).
    public func load(scenario file: SourceFile?, ruleFiles: [SourceFile]? = nil, reformFiles: [SourceFile]? = nil)
        throws -> LoadedInputs
    {
        let tableFiles = TableFiles(source: tables)
        let lua = try RuleSetLoader.makeState(budget: budget, tables: tableFiles)
        let ruleFiles = try ruleFiles ?? ruleSource.files()
        let reformFiles = try reformFiles ?? reforms.map(SourceFile.read)
        var (rules, changes, _) = try RuleSetLoader(lua: lua).load(rules: ruleFiles, reforms: reformFiles, sets: sets)
        rules.compliance.marketPrices = marketPrices
        var scenario: Scenario?
        if let file {
            let values = try RuleSetLoader.runDeclaring(file, lua: lua, tables: tableFiles)
            scenario = try ScenarioDecoder(rules: rules, file: file.name).decode(values.first ?? .nil)
            scenario?.warnings += try tableFiles.checkMonthlyRows(readBy: file.name)
        }
        var inputs = LoadedInputs(
            rules: rules, changes: changes, scenario: scenario,
            files: ruleFiles + reformFiles + (file.map { [$0] } ?? []), lua: lua)
        inputs.tables = tableFiles.read
        return inputs
    }

    /// The rules (after reforms and `--set`) and the scenario as plain Lua values, for comparing two runs' inputs.
    public func snapshot(scenario file: SourceFile, ruleFiles: [SourceFile], reformFiles: [SourceFile]) throws -> (
        rules: LuaValue, scenario: LuaValue
    ) {
        let tableFiles = TableFiles(source: tables)
        let lua = try RuleSetLoader.makeState(budget: budget, tables: tableFiles)
        let loader = RuleSetLoader(lua: lua)
        _ = try loader.load(rules: ruleFiles, declarations: [], reforms: reformFiles, sets: sets)
        let rules = try loader.currentRules()
        return (rules, try RuleSetLoader.runDeclaring(file, lua: lua, tables: tableFiles).first ?? .nil)
    }

    /// What `ccts check` found a file to be.
    public enum CheckedKind: String, Sendable {
        case ruleSet = "rule set", ruleFile = "rule file", reform, scenario, portfolio, measures
    }

    /// Validates a rule folder, a rule file, a reform or a scenario without running it.
    ///
    /// A scenario is checked against the rules of this loader; a reform is applied
    /// to them; a lone rule file is loaded on top of them.
    public func check(_ path: String) throws -> (kind: CheckedKind, summary: String, inputs: LoadedInputs) {
        if let directory = try? SourceFile.directory(path) {
            let inputs = try load(scenario: nil, ruleFiles: directory)
            return (
                .ruleSet,
                "\(directory.count) files, \(inputs.rules.fuels.count) fuels, \(inputs.rules.sectors.count) sectors, "
                    + "\(inputs.rules.targets.count) entity targets, \(inputs.rules.assumptions.count) assumptions",
                inputs
            )
        }
        let file = try SourceFile.read(path)
        let probeTables = TableFiles()
        let probe = try RuleSetLoader.makeState(budget: budget, tables: probeTables)
        let values = try RuleSetLoader.runDeclaring(file, lua: probe, tables: probeTables)
        if values.first?.table?["__kind"].string == "scenario" {
            let inputs = try load(scenario: file)
            let scenario = inputs.scenario!
            let uncertain = UncertainInputs.uncertain(scenario).count
            return (
                .scenario,
                "\(scenario.entity.registration) (\(scenario.entity.sector)), years "
                    + "\(scenario.years.map { $0.year.description }.joined(separator: ", ")), \(uncertain) uncertain "
                    + "inputs",
                inputs
            )
        }
        if values.first?.table?["__kind"].string == "measures" {
            let inputs = try load(scenario: nil)
            let plan = try loadMeasures(file, rules: inputs.rules)
            return (
                .measures,
                "\(plan.measures.count) measures, discount rate \(plan.discountRate)"
                    + (plan.horizon.map { ", horizon \($0)" } ?? ""), inputs
            )
        }
        if values.first?.table?["__kind"].string == "portfolio" {
            let portfolio = try loadPortfolio([file], reformFiles: [])
            let sectors = Dictionary(grouping: portfolio.entities, by: \.entity.sector).map {
                "\($0.key) \($0.value.count)"
            }.sorted()
            let inputs = LoadedInputs(
                rules: portfolio.rules, changes: portfolio.changes, scenario: nil, files: portfolio.files,
                lua: portfolio.lua)
            return (
                .portfolio,
                "\(portfolio.name): \(portfolio.entities.count) entities (\(sectors.joined(separator: ", ")))", inputs
            )
        }
        if (try probe.callInternal("reform_count", []).first?.number ?? 0) > 0 {
            let inputs = try load(scenario: nil, reformFiles: [file])
            return (
                .reform, "\(inputs.rules.reforms.joined(separator: ", ")): \(inputs.changes.count) rule values changed",
                inputs
            )
        }
        let inputs = try load(scenario: nil, ruleFiles: try ruleSource.files() + [file])
        return (
            .ruleFile,
            "loads on top of the rules: \(inputs.rules.fuels.count) fuels, \(inputs.rules.sectors.count) sectors",
            inputs
        )
    }
}
