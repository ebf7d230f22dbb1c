import Foundation
import CCTS
import LuaSandbox

/// Many entities under one set of rules: what `ccts compare` runs.
public struct LoadedPortfolio {
    public let name: String
    public let rules: RuleSet
    public let changes: [RuleChange]
    public let entities: [Scenario]
    /// Per entity (in `entities` order): its own abatement measures, in the measures format,
    /// which replace its sector's default abatement curve in the market (nil: the sector's).
    public let measures: [PathwayPlan?]
    /// Certificates offered by sellers that are not obligated entities (`supply = { … }`).
    public let supply: [MarketSupply]
    /// Every file that went in.
    public let files: [SourceFile]
    let lua: LuaState
    /// The CSV and Excel tables the portfolio files read, name and bytes.
    public var tables: [(name: String, bytes: Data)] = []
}

extension Loader {
    /// Loads portfolio files (or plain scenario files, each one entity) under these rules and `reformFiles`.
    ///
    /// `return portfolio { name = …, market = …, entities = { { entity = …, years = … }, … } }`;
    /// an entity without a `market` takes the portfolio's. Errors name the entity's path,
    /// e.g. `entities[12].years["2025-26"].products[1][1]`.
    public func loadPortfolio(_ files: [SourceFile], ruleFiles: [SourceFile]? = nil, reformFiles: [SourceFile]) throws
        -> LoadedPortfolio
    {
        // Portfolio files run before the reforms: the targets they declare (`target "REG" { … }`) are
        // rules like the notified ones, and a reform changes them alike.
        let tableFiles = TableFiles(source: tables)
        let lua = try RuleSetLoader.makeState(budget: budget, tables: tableFiles)
        let ruleFiles = try ruleFiles ?? ruleSource.files()
        let (rules, changes, declared) = try RuleSetLoader(lua: lua, tables: tableFiles).load(
            rules: ruleFiles, declarations: files,
            reforms: reformFiles, sets: sets)
        var entities: [Scenario] = []
        var measures: [PathwayPlan?] = []
        var supply: [MarketSupply] = []
        var names: [String] = []
        for (file, value) in zip(files, declared) {
            let decoder = ScenarioDecoder(rules: rules, file: file.name)
            guard case .table(let table) = value, table["__kind"].string == "portfolio" else {
                entities.append(try decoder.decode(value))
                measures.append(nil)
                names.append(entities.last!.name)
                continue
            }
            let portfolio = TableReader(table, path: "", file: file.name)
            names.append(try portfolio.optionalString("name") ?? file.name)
            let market = portfolio.value("market")
            let list = try portfolio.table("entities")
            guard !list.table.sequence.isEmpty else {
                throw list.error("", "is empty; a portfolio needs at least one entity")
            }
            for (index, element) in list.table.sequence.enumerated() {
                let path = "entities[\(index + 1)]"
                guard case .table(var body) = element else {
                    throw InputError(
                        file: file.name, path: path, message: "expected an entity table { entity = …, years = … }")
                }
                if body["market"].isNil && !market.isNil { body.fields.append(("market", market)) }
                var own: PathwayPlan?
                if let index = body.fields.firstIndex(where: { $0.name == "measures" }) {
                    let value = body.fields.remove(at: index).value
                    own = try self.measures(TableReader(value, path: "\(path).measures", file: file.name), rules: rules)
                }
                entities.append(try decoder.decode(body, path: path))
                measures.append(own)
            }
            supply += try supplyLines(portfolio, file: file.name)
            _ = portfolio.value("description")
            try portfolio.finish()
        }
        let registrations = entities.map(\.entity.registration)
        if let duplicate = registrations.first(where: { r in registrations.filter { $0 == r }.count > 1 }) {
            throw InputError(
                file: files.map(\.name).joined(separator: ", "), path: "entities",
                message: "registration '\(duplicate)' appears twice; each entity needs its own")
        }
        var loaded = LoadedPortfolio(
            name: names.joined(separator: " + "), rules: rules, changes: changes, entities: entities,
            measures: measures, supply: supply, files: ruleFiles + reformFiles + files, lua: lua)
        loaded.tables = tableFiles.read
        return loaded
    }

    /// `supply = { { project = …, type = "renewable_energy", vintage = "2025-26", year = "2026-27",
    /// credits = normal(…), delivered = beta(…), ask = 900 }, … }`.
    func supplyLines(_ portfolio: TableReader, file: String) throws -> [MarketSupply] {
        guard let list = try portfolio.optionalTable("supply") else { return [] }
        return try list.table.sequence.enumerated().map { index, value in
            let l = try TableReader(value, path: "\(list.path)[\(index + 1)]", file: file)
            let credits = try DistributionDecoder.decode(l.value("credits"), path: l.fieldPath("credits"), file: file)
            guard credits.expectedValue >= 0 else {
                throw l.error("credits", "is negative; expected the certificates offered")
            }
            let delivered =
                l.has("delivered")
                ? try DistributionDecoder.decode(
                    l.value("delivered"), path: l.fieldPath("delivered"), file: file, domain: .fraction) : .fixed(1)
            let ask = try l.optionalNumber("ask") ?? 0
            guard ask >= 0, ask <= 1e7 else {
                throw l.error("ask", "is \(ask.shown); expected a price from 0 to 10,000,000 INR/CCC")
            }
            let line = MarketSupply(
                project: try l.string("project"), type: try l.optionalString("type"),
                vintage: try l.optionalComplianceYear("vintage"),
                year: try l.compliance("year"), credits: credits, delivered: delivered, ask: ask, path: l.path)
            if line.type != nil, line.vintage == nil {
                throw l.error("vintage", "is missing; an offset project's credits have a vintage such as \"2025-26\"")
            }
            try l.finish()
            return line
        }
    }
}
