import CommandSupport
import Examples
import Foundation
import Hummingbird

/// `/api/check`, `/api/factors`, `/api/assumptions`, `/api/examples`, `/api/status`: what the
/// command line's `check`, `factors`, `rules assumptions` and `examples` give, and the server's state.
struct ToolRoutes {
    let app: ServeApp

    struct CheckRequest: Decodable {
        var files: [JobRequest.File]
        var rules: [JobRequest.File]?
    }

    func add(to router: RouteTable) {
        // Check files without running them: each file's verdict line, as `ccts check` prints it.
        router.post("/api/check", role: .analyst, to: "check files") { request, _ in
            let body = try await app.decode(CheckRequest.self, from: request) { _ in
                (BodyFields(fields: ["files": BodyFields.file, "rules": BodyFields.file]), "a check")
            }
            guard !body.files.isEmpty else {
                throw APIFailure.badRequest("files: give one or more files {name, text} to check")
            }
            let folder = try WorkFolder()
            defer { folder.remove() }
            var command = ChildCommand(["check"], positionals: [])
            for (index, file) in body.files.enumerated() {
                try JobRequest.check(file.name, field: "files[\(index)].name")
                try folder.write(file.text, to: file.name)
                command.positionals.append(file.name)
            }
            if let rules = body.rules {
                guard !rules.isEmpty else {
                    throw APIFailure.badRequest(
                        "rules: an empty rule set; leave rules out to check against the built-in rules")
                }
                for (index, file) in rules.enumerated() {
                    try JobRequest.check(file.name, field: "rules[\(index)].name")
                    try folder.write(file.text, to: "rules/" + file.name)
                }
                command.options.append("--rules=rules")
            }
            let result = try await app.child.run(command.arguments(), in: folder.url)
            struct Verdict: Encodable { var ok: Bool, lines: [String] }
            let lines = String(decoding: result.stdout, as: UTF8.self).split(separator: "\n").map(String.init)
            guard result.status <= 1, result.stopped == nil else {
                throw APIFailure(
                    .unprocessableContent, app.child.message(result, folder: folder.url.path, store: app.store.path))
            }
            return try Reply.json(Verdict(ok: result.status == 0, lines: lines))
        }

        router.get("/api/factors", role: .viewer, to: "read factors") { request, _ in
            let search = request.uri.queryParameters.get("search").flatMap { $0.isEmpty ? nil : $0 }
            // `--` first: the client's text is a positional search, never an option of the child
            return Reply.raw(
                try await app.ccts(["factors", "--json"] + (search.map { ["--", $0] } ?? [])),
                type: "application/json; charset=utf-8")
        }

        router.get("/api/assumptions", role: .viewer, to: "read assumptions") { _, _ in
            Reply.raw(try await app.ccts(["rules", "assumptions", "--json"]), type: "application/json; charset=utf-8")
        }

        router.get("/api/examples", role: .viewer, to: "read the examples") { _, _ in
            struct Example: Encodable { var name: String, path: String, text: String }
            struct Listing: Encodable { var examples: [Example] }
            let examples = ExampleFiles.all.filter { !$0.isTable }.map {
                Example(name: URL(fileURLWithPath: $0.path).lastPathComponent, path: $0.path, text: $0.text)
            }
            return try Reply.json(Listing(examples: examples))
        }

        router.get("/api/status", role: .viewer, to: "read the server's state") { _, context in
            struct Status: Encodable {
                var version: String, role: String, entity: String?, tokensInForce: Bool
                var jobsRunning: Int, jobsQueued: Int, jobSlots: Int, maxBodyBytes: Int, maxIterations: Int
            }
            let counts = await app.queue.counts
            return try Reply.json(
                Status(
                    version: BuildInfo.version, role: context.access.role.rawValue, entity: context.access.entity,
                    tokensInForce: try app.store.hasActiveTokens(), jobsRunning: counts.running,
                    jobsQueued: counts.waiting,
                    jobSlots: app.queue.slots, maxBodyBytes: app.limits.bodyBytes,
                    maxIterations: app.limits.maxIterations))
        }
    }
}
