import CCTS
import Foundation
import Loading
import Simulation
import ZIPFoundation
import Planning
import Market

/// The generated families' inputs, placed where a user would put them: a sheet inside the shipped
/// workbook that a portfolio reads, a `--set` on the cement plant, a correlations block in the
/// benchmark scenario, a planning section in the shipped plan.
public struct FamilyInputs: Sendable {
    /// The portfolio that reads the workbook, the workbook's name as that portfolio reads it, its
    /// parts, and the sheet part the mutants replace.
    var workbookPortfolio: SourceFile
    var workbookName: String
    var workbookParts: [(path: String, data: [UInt8])]
    var sheetPart: String
    /// A scenario with uncertain inputs, cut around its `correlations` block; the inputs' keys.
    var correlationScenario: (before: String, after: String, name: String)
    var uncertainInputs: [String]
    /// The plan scenario, cut around its `planning` block.
    var planningScenario: (before: String, after: String, name: String)
    var vocabulary: FuzzVocabulary

    /// `text` cut around the block that starts with `key = {` at two spaces' indent (to its closing brace and comma).
    static func cut(_ text: String, around key: String) throws -> (before: String, after: String) {
        guard let start = text.range(of: "\n  \(key) = {") else { throw CutError(key: key) }
        var depth = 0, index = text.index(before: start.upperBound)
        repeat {
            if text[index] == "{" { depth += 1 }
            if text[index] == "}" { depth -= 1 }
            index = text.index(after: index)
        } while depth > 0 && index < text.endIndex
        if index < text.endIndex, text[index] == "," { index = text.index(after: index) }
        return (String(text[...start.lowerBound]), String(text[index...]))
    }

    struct CutError: Error { var key: String }
}

extension Oracle {
    /// Judges one input of a generated family (the families' placements in `inputs`).
    func judgeFamily(_ input: String, as target: FuzzTarget, loader: inout Loader, inputs: FamilyInputs) throws {
        let text = Self.input(input)
        switch target {
        case .workbook:
            let attack = text.hasPrefix("-- archive: ") ? String(text.prefix { $0 != "\n" }.dropFirst(12)) : "none"
            let sheet = text.hasPrefix("-- ") ? String(text.drop { $0 != "\n" }.dropFirst()) : text
            let bytes = try Self.workbook(inputs, sheet: Data(sheet.utf8), attack: attack)
            loader.tables = .stored([inputs.workbookName: bytes])
            let portfolio = try loader.loadPortfolio([inputs.workbookPortfolio], ruleFiles: ruleFiles, reformFiles: [])
            let market = try PortfolioMarket.run(
                portfolio.entities, rules: portfolio.rules, worlds: 8, seed: 1, threads: 1, factorUncertainty: false)
            for value in market.issued + market.surrender where !value.isFinite {
                throw Defect(description: "compare: a market total is \(value)")
            }
        case .setting:
            loader.sets = [text]
            try runScenario(try loader.load(scenario: scenario, ruleFiles: ruleFiles))
        case .correlations:
            let c = inputs.correlationScenario
            let file = SourceFile(name: c.name, text: c.before + text + c.after)
            try runScenario(try loader.load(scenario: file, ruleFiles: ruleFiles))
        case .planning:
            let p = inputs.planningScenario
            try plan(
                try loader.load(
                    scenario: SourceFile(name: p.name, text: p.before + text + p.after), ruleFiles: ruleFiles))
        default:
            break
        }
    }

    /// The input without the `-- target: …` line a regression file keeps above it.
    static func input(_ text: String) -> String {
        text.hasPrefix("-- target: ") ? String(text.drop { $0 != "\n" }.dropFirst()) : text
    }

    /// A small plan search over the scenario's planning section: every number it gives finite.
    private func plan(_ inputs: LoadedInputs) throws {
        guard let scenario = inputs.scenario, let planning = scenario.planning else { return }
        let compiled = try PlanCompiler(rules: inputs.rules).compile(scenario)
        let results = try MonteCarlo.run(
            plans: [compiled], options: MonteCarloOptions(iterations: 64, seed: 1, threads: 1))
        let worlds = ProcurementWorlds(
            results: results, plan: planning, rules: inputs.rules, openingBalance: scenario.openingBalance, seed: 1)
        let search = try ProcurementSearch.search(
            planning, worlds, objective: .expectedCost, forwardSteps: 4, offsetSteps: 2)
        let best = search.best
        for (name, x) in [("mean cost", best.meanCost), ("CVaR", best.costCvar)]
            + best.decisions.map({ ("decision", $0) })
        where !x.isFinite {
            throw Defect(description: "plan: the best plan's \(name) is \(x)")
        }
    }

    /// The shipped workbook with `sheet` as its sheet part, then `attack` on the archive's bytes.
    static func workbook(_ inputs: FamilyInputs, sheet: Data, attack: String) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for (path, original) in inputs.workbookParts {
            let data = path == inputs.sheetPart ? sheet : Data(original)
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate
            ) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        var bytes = [UInt8](archive.data ?? Data())
        // The sheet's central directory record: signature 50 4B 01 02, its name 46 bytes in.
        let name = Array(inputs.sheetPart.utf8)
        var record: Int?
        for i in 0..<Swift.max(bytes.count - 46 - name.count, 0)
        where bytes[i] == 0x50 && bytes[i + 1] == 0x4B && bytes[i + 2] == 0x01 && bytes[i + 3] == 0x02
            && Array(bytes[(i + 46)..<(i + 46 + name.count)]) == name
        {
            record = i
        }
        switch attack {
        case "crc":
            if let r = record { bytes[r + 16] ^= 0xFF }
        case "size":
            // Declares 4 KiB unpacked in the central directory; the part inflates to its real size.
            if let r = record { bytes.replaceSubrange((r + 24)..<(r + 28), with: [0x00, 0x10, 0x00, 0x00]) }
        case "truncate":
            bytes = Array(bytes.prefix(bytes.count / 2))
        case "flip":
            if let r = record { bytes[r / 2] ^= 0x5A }
        default:
            break
        }
        return Data(bytes)
    }
}
