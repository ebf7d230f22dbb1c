import CommandSupport
import Foundation
import Hummingbird
import RunStore

/// `/api/runs…`: the runs the caller's token sees, as `ccts runs` shows them.
struct RunRoutes {
    let app: ServeApp

    /// A run as the API lists it: its record (as `ccts runs list --json`), its entity, and who submitted it.
    struct ServedRun: Encodable {
        var run: RunJSON
        var entity: String?
        /// The server job that made it (nil: the command line).
        var job: Int64?
        /// The id of the token that submitted it (nil: the command line, or a server without tokens).
        var submittedBy: Int64?
    }

    /// The run as a client sees it: the server's own options (its store's path, the job and entity
    /// it passed its child) left out of the command, and in a listing a long error cut (whole in
    /// GET /api/runs/ID).
    func served(_ run: StoredRun, listing: Bool = false) throws -> ServedRun {
        var shown = RunJSON(run)
        shown.command = Self.clientView(of: run.command)
        if listing, let error = shown.error, error.count > Self.listedErrorLength {
            shown.error =
                String(error.prefix(Self.listedErrorLength))
                + "… (cut; GET /api/runs/\(run.id) has the whole message)"
        }
        return ServedRun(
            run: shown, entity: run.entity, job: run.job,
            submittedBy: try run.job.flatMap { try app.store.job($0)?.tokenID })
    }

    /// Longest error a listing shows, in characters.
    static let listedErrorLength = 300

    /// A stored command line without the options only the server passes (`--db PATH`,
    /// `--server-job N`, `--server-entity E`), so no listing shows where the server keeps its store.
    static func clientView(of command: [String]) -> [String] {
        var shown: [String] = []
        var skipNext = false
        for argument in command {
            if skipNext { skipNext = false; continue }
            if ["--db", "--server-job", "--server-entity"].contains(argument) { skipNext = true; continue }
            if ["--db=", "--server-job=", "--server-entity="].contains(where: argument.hasPrefix) { continue }
            shown.append(argument)
        }
        return shown
    }

    // Long: the run API's routes as one table, a few lines each, in the order /openapi.json lists them.
    func add(to router: RouteTable) {
        router.get("/api/runs", role: .viewer, to: "list runs") { request, context in
            let query = request.uri.queryParameters
            let status = query.get("status"), kind = query.get("kind")
            if let status, !["running", "completed", "failed"].contains(status) {
                throw APIFailure.badRequest("status: expected running, completed or failed, got \"\(status)\"")
            }
            if let kind, NewRun.Kind(rawValue: kind) == nil {
                throw APIFailure.badRequest(
                    "kind: expected one of deterministic, montecarlo, compare, pathway, plan, shard; got \"\(kind)\"")
            }
            let limit = try Self.limit(query.get("limit"))
            let runs = try app.store.list(
                scenario: query.get("scenario").flatMap { $0.isEmpty ? nil : $0 }, status: status, kind: kind,
                entity: context.access.entity, submittedBy: context.access.tokenID, limit: limit)
            struct Listing: Encodable { var runs: [ServedRun] }
            return try Reply.json(Listing(runs: try runs.map { try served($0, listing: true) }))
        }

        router.get("/api/runs/{id}", role: .viewer, to: "read runs") { _, context in
            let run = try app.visibleRun(try context.parameters.require("id", as: Int64.self), context.access)
            let full = try app.store.run(run.id)
            struct Shown: Encodable {
                var served: ServedRun, files: [FileJSON], settings: [String], report: String?
                func encode(to encoder: Encoder) throws {
                    try served.encode(to: encoder)
                    enum Keys: String, CodingKey { case files, settings, report }
                    var container = encoder.container(keyedBy: Keys.self)
                    try container.encode(files, forKey: .files)
                    try container.encode(settings, forKey: .settings)
                    try container.encodeIfPresent(report, forKey: .report)
                }
            }
            let files = try app.store.files(run.id).map {
                FileJSON(role: $0.role.rawValue, name: $0.name, sha256: $0.sha256)
            }
            var text = try Reply.compact(
                Shown(
                    served: try served(run), files: files, settings: try app.store.settings(run.id), report: full.report
                ))
            // the run's JSON document as ccts printed and stored it, spliced in whole (not parsed and written again)
            if let document = full.document, !document.isEmpty {
                text.removeLast()
                text += #","document":"# + document + "}"
            }
            return Reply.raw(Data(text.utf8), type: "application/json; charset=utf-8")
        }

        router.delete("/api/runs/{id}", role: .analyst, to: "delete runs") { _, context in
            let run = try app.visibleRun(try context.parameters.require("id", as: Int64.self), context.access)
            if context.access.role != .admin {
                let submitter = try run.job.flatMap { try app.store.job($0)?.tokenID }
                guard submitter != nil, submitter == context.access.tokenID else {
                    throw APIFailure(
                        .forbidden,
                        "an analyst deletes only the runs its token submitted; run \(run.id) was not (an admin token "
                            + "can delete it)"
                    )
                }
            }
            try app.store.delete(run.id)
            app.pages.forget(run.id)
            struct Deleted: Encodable { var deleted: Int64 }
            return try Reply.json(Deleted(deleted: run.id))
        }

        router.get("/api/runs/{id}/report", role: .viewer, to: "read reports") { _, context in
            let run = try app.visibleRun(try context.parameters.require("id", as: Int64.self), context.access)
            guard run.status == "completed" else {
                throw APIFailure(.conflict, "run \(run.id) is \(run.status); only a completed run has a report")
            }
            if let page = app.pages.page(run.id) { return Reply.raw(page, type: "text/html; charset=utf-8") }
            let page = try await app.ccts(
                ["report", String(run.id), "--db", app.store.path, "--out", "report.html"], writing: "report.html")
            app.pages.keep(run.id, page)
            return Reply.raw(page, type: "text/html; charset=utf-8")
        }

        router.get("/api/runs/{id}/export", role: .viewer, to: "export runs") { request, context in
            let run = try app.visibleRun(try context.parameters.require("id", as: Int64.self), context.access)
            let format = request.uri.queryParameters.get("format") ?? "csv"
            let types = [
                "csv": "text/csv; charset=utf-8", "json": "application/json; charset=utf-8",
                "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ]
            guard let type = types[format] else {
                throw APIFailure.badRequest("format: expected csv, json or xlsx, got \"\(format)\"")
            }
            let worlds = try Self.flag(request.uri.queryParameters.get("worlds"), "worlds")
            let file = "run-\(run.id).\(format)"
            let data = try await app.ccts(
                ["runs", "export", String(run.id), "--db", app.store.path, "--format", format, "--out", file]
                    + (worlds ? ["--worlds"] : []), writing: file)
            return Reply.raw(data, type: type, filename: file)
        }

        router.get("/api/runs/{id}/diff/{other}", role: .viewer, to: "compare runs") { _, context in
            let first = try app.visibleRun(try context.parameters.require("id", as: Int64.self), context.access)
            let second = try app.visibleRun(try context.parameters.require("other", as: Int64.self), context.access)
            let data = try await app.ccts([
                "runs", "diff", String(first.id), String(second.id), "--db", app.store.path, "--json",
            ])
            return Reply.raw(data, type: "application/json; charset=utf-8")
        }

        router.post("/api/runs/{id}/rerun", role: .analyst, to: "re-run runs") { _, context in
            let run = try app.visibleRun(try context.parameters.require("id", as: Int64.self), context.access)
            let request = JobRequest(kind: .rerun, run: run.id)
            return try await JobRoutes(app: app).submit(request, context.access)
        }
    }

    static func limit(_ text: String?) throws -> Int {
        guard let text else { return 50 }
        guard let limit = Int(text), (1...1000).contains(limit) else {
            throw APIFailure.badRequest("limit: expected a whole number from 1 to 1000, got \"\(text)\"")
        }
        return limit
    }

    static func flag(_ text: String?, _ field: String) throws -> Bool {
        switch text {
        case nil, "false": return false
        case "true": return true
        default: throw APIFailure.badRequest("\(field): expected true or false, got \"\(text!)\"")
        }
    }
}
