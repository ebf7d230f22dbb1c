import CommandSupport
import Foundation
import Requests

/// What a client submits to `POST /api/jobs`: the texts of its files (never a server path) and the
/// options of the command it asks for. Checked field by field before anything is queued; the
/// child `ccts` then checks the files themselves, in the sandbox, with its usual messages.
struct JobRequest: Codable, Sendable {
    /// A Lua file: its name (no folder) and its text.
    struct File: Codable, Sendable {
        var name: String
        var text: String
    }

    /// A data table a scenario or portfolio reads with `rows_from` or `lines_from`, under the
    /// path the file names it by (`data/entities.xlsx`): CSV as `text`, a workbook as `base64`.
    struct Table: Codable, Sendable {
        var name: String
        var text: String?
        var base64: String?
    }

    enum Kind: String, Codable, Sendable, CaseIterable { case run, compare, pathway, plan, rerun }

    var kind: Kind
    /// run, pathway, plan: the scenario.
    var scenario: File?
    /// compare: the portfolio or scenario files.
    var scenarios: [File]?
    /// The CSV and XLSX tables the scenario or portfolio files read, under the names they use.
    var tables: [Table]?
    /// A rule set replacing the built-in one (all its files).
    var rules: [File]?
    var reforms: [File]?
    /// pathway: the measures file.
    var measures: File?
    /// `--set` assignments, e.g. `verification.materiality=0.05`.
    var set: [String]?
    var iterations: Int?
    var seed: UInt64?
    /// pathway: search the least-cost set of measures.
    var optimise: Bool?
    /// rerun: the run to re-run.
    var run: Int64?

    /// Largest table a job carries, decoded (the loader's own limit for a table file).
    static let maximumTableBytes = 32 << 20

    /// The job file for the child `ccts execute` and the files to write beside it, after checking
    /// every field. No client text is ever placed on a command line: names and values travel as
    /// fields of the job file (``JobFile``), which the child decodes.
    /// - Parameters: `store`, `id`, `entity`: where the run is kept, its job, the entity its token may run.
    /// - Throws: ``APIFailure`` 400 naming the field.
    // Long: every field of a job checked in the order of /openapi.json's JobRequest, then its files placed; the kinds
    // share the placing locals.
    func job(maxIterations: Int, store: String = "", id: Int64 = 0, entity: String? = nil) throws -> (
        job: JobFile, files: [(path: String, data: Data)]
    ) {
        var files: [(path: String, data: Data)] = []
        func place(_ path: String, _ data: Data, field: String) throws -> String {
            guard !files.contains(where: { $0.path == path }) else {
                throw APIFailure.badRequest("\(field): \(path) is given twice; give each file its own name")
            }
            files.append((path, data))
            return path
        }
        func place(_ file: File, in folder: String?, field: String) throws -> String {
            try Self.check(file.name, field: "\(field).name")
            return try place(
                folder.map { "\($0)/\(file.name)" } ?? file.name, Data(file.text.utf8), field: "\(field).name")
        }
        func required<T>(_ value: T?, _ field: String, _ what: String) throws -> T {
            guard let value else { throw APIFailure.badRequest("\(field): a \(kind.rawValue) job needs \(what)") }
            return value
        }
        if let iterations, !(1...maxIterations).contains(iterations) {
            throw APIFailure.badRequest(
                "iterations: expected 1 to \(maxIterations) worlds on this server, got \(iterations)")
        }
        if kind == .rerun {
            var job = JobFile(
                workflow: .rerun, store: store, job: id, entity: entity,
                command: ["runs", "rerun", String(try required(run, "run", "the id of the run to re-run"))])
            job.rerun = run
            return (job, [])
        }
        // what every kind but rerun names: the files first (the order of /openapi.json), then the options
        var positionals: [String]
        var measuresName: String?
        switch kind {
        case .compare:
            let given = try required(scenarios, "scenarios", "one or more portfolio or scenario files")
            guard !given.isEmpty else {
                throw APIFailure.badRequest("scenarios: a compare job needs one or more portfolio or scenario files")
            }
            positionals = try given.enumerated().map {
                try place($0.element, in: nil, field: "scenarios[\($0.offset)]")
            }
        case .plan:
            positionals = [
                try place(
                    try required(scenario, "scenario", "a scenario file with a planning section"), in: nil,
                    field: "scenario")
            ]
        default:
            positionals = [
                try place(
                    try required(scenario, "scenario", "a scenario file {name, text}"), in: nil, field: "scenario")
            ]
        }
        if kind == .pathway {
            measuresName = try place(
                try required(measures, "measures", "a measures file {name, text}"), in: nil, field: "measures")
            if iterations != nil, optimise != true {
                throw APIFailure.badRequest("iterations: a pathway draws worlds only with optimise: true")
            }
        }
        // a plan costs, and an optimising pathway evaluates, its candidates on at least 100 worlds (as the commands)
        let least = kind == .plan ? PlanRequest.minimumWorlds : kind == .pathway ? PathwayRequest.minimumWorlds : 1
        if let iterations, iterations < least {
            throw APIFailure.badRequest(
                "iterations: a \(kind.rawValue) job needs at least \(least) worlds, got \(iterations)")
        }
        if seed != nil, kind == .run, iterations == nil {
            throw APIFailure.badRequest("seed: a seed draws Monte Carlo worlds; give iterations too")
        }
        var rulesFolder: String?
        if let rules {
            guard !rules.isEmpty else {
                throw APIFailure.badRequest("rules: an empty rule set; leave rules out to use the built-in rules")
            }
            for (index, file) in rules.enumerated() { _ = try place(file, in: "rules", field: "rules[\(index)]") }
            rulesFolder = "rules"
        }
        let reformNames = try (reforms ?? []).enumerated().map {
            try place($0.element, in: "reforms", field: "reforms[\($0.offset)]")
        }
        for (index, assignment) in (set ?? []).enumerated() {
            guard let first = assignment.unicodeScalars.first, first != "-", first != "=", assignment.contains("="),
                !assignment.contains(where: \.isNewline)
            else {
                throw APIFailure.badRequest(
                    "set[\(index)]: expected path=value, e.g. verification.materiality=0.05; got "
                        + "\"\(assignment.prefix(100))\""
                )
            }
        }
        for (index, table) in (tables ?? []).enumerated() {
            let field = "tables[\(index)]"
            try Self.checkTable(table.name, field: "\(field).name")
            let data: Data
            switch (table.text, table.base64) {
            case (let text?, nil): data = Data(text.utf8)
            case (nil, let encoded?):
                guard let decoded = Data(base64Encoded: encoded) else {
                    throw APIFailure.badRequest("\(field).base64: not valid base64")
                }
                data = decoded
            default:
                throw APIFailure.badRequest(
                    "\(field): give either text (CSV) or base64 (a workbook), not both or neither")
            }
            guard data.count <= Self.maximumTableBytes else {
                throw APIFailure.badRequest(
                    "\(field): \(data.count) bytes; a table is read up to \(Self.maximumTableBytes >> 20) MiB")
            }
            _ = try place(table.name, data, field: "\(field).name")
        }
        let sets = set ?? []
        let threads = ProcessInfo.processInfo.activeProcessorCount
        var job = JobFile(
            workflow: JobFile.Workflow(rawValue: kind.rawValue)!, store: store, job: id, entity: entity,
            command: displayedCommand(
                positionals: positionals, measures: measuresName, rules: rulesFolder,
                reforms: reformNames))
        switch kind {
        case .run:
            job.run = RunOptions(
                scenario: positionals[0], rules: rulesFolder, reforms: reformNames, sets: sets, iterations: iterations,
                seed: seed ?? 1, threads: threads)
        case .compare:
            job.compare = CompareRequest(
                portfolios: positionals, reforms: reformNames, rules: rulesFolder, sets: sets, iterations: iterations,
                seed: seed ?? 1, threads: threads)
        case .pathway:
            var request = PathwayRequest(
                scenario: positionals[0], measures: measuresName!, optimise: optimise == true, seed: seed ?? 1,
                rules: rulesFolder, reforms: reformNames, sets: sets)
            if let iterations { request.iterations = iterations }
            job.pathway = request
        case .plan:
            var request = PlanRequest(
                scenario: positionals[0], rules: rulesFolder, reforms: reformNames, sets: sets, seed: seed ?? 1,
                threads: threads)
            if let iterations { request.iterations = iterations }
            job.plan = request
        case .rerun:
            preconditionFailure("a rerun job was returned above")
        }
        return (job, files)
    }

    /// The command line a user would type for the same job, for people reading the stored run
    /// (`runs show`); the child never parses it.
    private func displayedCommand(positionals: [String], measures: String?, rules: String?, reforms: [String])
        -> [String]
    {
        var words = [kind.rawValue] + positionals
        if let measures { words += ["--measures", measures] }
        if optimise == true { words.append("--optimise") }
        if let iterations { words += ["--iterations", String(iterations)] }
        if let seed { words += ["--seed", String(seed)] }
        if let rules { words += ["--rules", rules] }
        for reform in reforms { words += ["--reform", reform] }
        for assignment in set ?? [] { words += ["--set", assignment] }
        return words
    }

    /// A file name the server writes as given: a letter, digit or `_`, then letters, digits, `.`, `_`
    /// or `-`, ending in `.lua`, at most 100 characters (the pattern of File.name in /openapi.json).
    static func check(_ name: String, field: String) throws {
        guard isSafeSegment(name), name.hasSuffix(".lua") else {
            throw APIFailure.badRequest(
                "\(field): expected a file name of letters, digits, '.', '_' or '-' ending in .lua (no folders), got "
                    + "\"\(name.prefix(100))\""
            )
        }
    }

    /// A table's path: one to three segments as a file name is spelt, separated by `/`, ending in
    /// `.csv` or `.xlsx` (the pattern of Table.name in /openapi.json).
    static func checkTable(_ name: String, field: String) throws {
        let segments = name.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let lower = name.lowercased()
        guard (1...3).contains(segments.count), segments.allSatisfy(isSafeSegment), name.count <= 200,
            lower.hasSuffix(".csv") || lower.hasSuffix(".xlsx")
        else {
            throw APIFailure.badRequest(
                "\(field): expected the path the scenario reads the table by, e.g. data/entities.xlsx "
                    + "(letters, digits, '.', '_' or '-', at most two folders, ending in .csv or .xlsx), got "
                    + "\"\(name.prefix(100))\""
            )
        }
    }

    /// 1 to 100 characters: a letter, digit or `_` first, then letters, digits, `.`, `_` or `-`.
    static func isSafeSegment(_ name: String) -> Bool {
        let first = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_".unicodeScalars)
        let rest = first.union(".-".unicodeScalars)
        let scalars = Array(name.unicodeScalars)
        return (1...100).contains(scalars.count) && first.contains(scalars[0]) && scalars.allSatisfy(rest.contains)
    }
}

/// A child `ccts` command as the server builds it: `execute` with the job file's fixed name, or
/// `check` with the files to check: the subcommand, its options (every one written `--name=value`
/// or a bare flag, so no value can be read as another option), then `--`, then the positional
/// arguments. No text from a client is ever placed where an option is read.
struct ChildCommand: Sendable, Equatable {
    var subcommand: [String]
    var options: [String] = []
    var positionals: [String]

    init(_ subcommand: [String], positionals: [String]) {
        self.subcommand = subcommand
        self.positionals = positionals
    }

    /// The arguments: the subcommand, its options, `--`, the positional arguments.
    func arguments() -> [String] {
        subcommand + options + ["--"] + positionals
    }
}
