import Foundation

/// What a client submits to `POST /api/jobs`: the texts of its files (never a server path) and the
/// options of the command it asks for. Checked field by field before anything is queued; the
/// child `ccts` then checks the files themselves, in the sandbox, with its usual messages.
struct JobRequest: Codable, Sendable {
    struct File: Codable, Sendable {
        var name: String
        var text: String
    }

    enum Kind: String, Codable, Sendable, CaseIterable { case run, compare, pathway, plan, rerun }

    var kind: Kind
    /// run, pathway, plan: the scenario.
    var scenario: File?
    /// compare: the portfolio or scenario files.
    var scenarios: [File]?
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

    /// The `ccts` arguments (before the store options) and the files to write, after checking every field.
    /// - Throws: ``APIFailure`` 400 naming the field.
    func command(maxIterations: Int) throws -> (arguments: [String], files: [(path: String, text: String)]) {
        var files: [(path: String, text: String)] = []
        func place(_ file: File, in folder: String?, field: String) throws -> String {
            try Self.check(file.name, field: "\(field).name")
            let path = folder.map { "\($0)/\(file.name)" } ?? file.name
            guard !files.contains(where: { $0.path == path }) else {
                throw APIFailure.badRequest("\(field).name: \(file.name) is given twice; give each file its own name")
            }
            files.append((path, file.text))
            return path
        }
        func required<T>(_ value: T?, _ field: String, _ what: String) throws -> T {
            guard let value else { throw APIFailure.badRequest("\(field): a \(kind.rawValue) job needs \(what)") }
            return value
        }
        if let iterations, !(1...maxIterations).contains(iterations) {
            throw APIFailure.badRequest("iterations: expected 1 to \(maxIterations) worlds on this server, got \(iterations)")
        }
        var arguments: [String]
        switch kind {
        case .run:
            arguments = ["run", try place(try required(scenario, "scenario", "a scenario file {name, text}"), in: nil, field: "scenario")]
            if let iterations { arguments += ["--iterations", String(iterations), "--progress-lines", "--quiet"] }
            if let seed {
                guard iterations != nil else { throw APIFailure.badRequest("seed: a seed draws Monte Carlo worlds; give iterations too") }
                arguments += ["--seed", String(seed)]
            }
        case .compare:
            let given = try required(scenarios, "scenarios", "one or more portfolio or scenario files")
            guard !given.isEmpty else { throw APIFailure.badRequest("scenarios: a compare job needs one or more portfolio or scenario files") }
            arguments = ["compare"] + (try given.enumerated().map { try place($0.element, in: nil, field: "scenarios[\($0.offset)]") })
            if let iterations { arguments += ["--iterations", String(iterations)] }
            if let seed { arguments += ["--seed", String(seed)] }
        case .pathway:
            arguments = ["pathway", try place(try required(scenario, "scenario", "a scenario file {name, text}"), in: nil, field: "scenario"),
                         "--measures", try place(try required(measures, "measures", "a measures file {name, text}"), in: nil, field: "measures")]
            if optimise == true { arguments.append("--optimise") }
            if let iterations {
                guard optimise == true else { throw APIFailure.badRequest("iterations: a pathway draws worlds only with optimise: true") }
                arguments += ["--iterations", String(iterations)]
            }
            if let seed { arguments += ["--seed", String(seed)] }
        case .plan:
            arguments = ["plan", try place(try required(scenario, "scenario", "a scenario file with a planning section"), in: nil, field: "scenario")]
            if let iterations { arguments += ["--iterations", String(iterations)] }
            if let seed { arguments += ["--seed", String(seed)] }
        case .rerun:
            for (present, field) in [(scenario != nil, "scenario"), (scenarios != nil, "scenarios"), (rules != nil, "rules"), (reforms != nil, "reforms"),
                                     (measures != nil, "measures"), (set != nil, "set"), (iterations != nil, "iterations"), (seed != nil, "seed"),
                                     (optimise != nil, "optimise")] {
                }
            return (["runs", "rerun", String(try required(run, "run", "the id of the run to re-run"))], [])
        }
        if let rules {
            guard !rules.isEmpty else { throw APIFailure.badRequest("rules: an empty rule set; leave rules out to use the built-in rules") }
            for (index, file) in rules.enumerated() { _ = try place(file, in: "rules", field: "rules[\(index)]") }
            arguments += ["--rules", "rules"]
        }
        for (index, file) in (reforms ?? []).enumerated() {
            arguments += ["--reform", try place(file, in: "reforms", field: "reforms[\(index)]")]
        }
        for (index, assignment) in (set ?? []).enumerated() {
            guard let first = assignment.unicodeScalars.first, first != "-", first != "=", assignment.contains("=") else {
                throw APIFailure.badRequest("set[\(index)]: expected path=value, e.g. verification.materiality=0.05; got \"\(assignment)\"")
            }
            arguments += ["--set", assignment]
        }
        return (arguments, files)
    }

    /// A file name the server writes as given: a letter, digit or `_`, then letters, digits, `.`, `_`
    /// or `-`, ending in `.lua`, at most 100 characters (the pattern of File.name in /openapi.json).
    static func check(_ name: String, field: String) throws {
        let first = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_".unicodeScalars)
        let rest = first.union(".-".unicodeScalars)
        let scalars = Array(name.unicodeScalars)
        guard (5...100).contains(scalars.count), first.contains(scalars[0]), scalars.allSatisfy(rest.contains), name.hasSuffix(".lua") else {
            throw APIFailure.badRequest("\(field): expected a file name of letters, digits, '.', '_' or '-' ending in .lua (no folders), got \"\(name)\"")
        }
    }
}
