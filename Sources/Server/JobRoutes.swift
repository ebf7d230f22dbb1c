import CommandSupport
import Foundation
import Hummingbird
import NIOCore
import RunStore

/// `/api/jobs…`: submit a run or workflow (answered at once with its job), follow it by polling
/// or as server-sent events, and find the run it made.
struct JobRoutes {
    let app: ServeApp

    /// A job as the API shows it.
    struct JobState: Encodable, Equatable {
        var id: Int64
        var kind: String
        var status: String
        var created: String
        var finished: String?
        /// Place in the queue (1 = next to start) while queued.
        var position: Int?
        /// Worlds done of all, while a Monte Carlo run computes.
        var progress: Progress?
        /// The run it made, once completed (or the failed run, when the child recorded one).
        var run: Int64?
        var error: String?
        var submittedBy: Int64?

        struct Progress: Encodable, Equatable { var done: Int, total: Int, seconds: Double }
    }

    /// The job as the API shows it; in a listing a long error is cut (whole in GET /api/jobs/ID).
    func state(_ job: ServerJob, listing: Bool = false) async -> JobState {
        let progress = await app.queue.progress(of: job.id)
        let childStarted = await app.queue.isRunning(job.id)
        let started = job.status == .queued && childStarted
        return JobState(
            id: job.id, kind: job.kind, status: started ? "running" : job.status.rawValue, created: job.created,
            finished: job.finished,
            position: job.status == .queued && !started ? await app.queue.position(of: job.id) : nil,
            progress: progress.map { .init(done: $0.done, total: $0.total, seconds: $0.seconds) },
            run: job.runID, error: job.error.map { listing ? Self.cut($0, job: job.id) : $0 }, submittedBy: job.tokenID)
    }

    static func cut(_ error: String, job: Int64) -> String {
        error.count <= RunRoutes.listedErrorLength
            ? error
            : String(error.prefix(RunRoutes.listedErrorLength))
                + "… (cut; GET /api/jobs/\(job) has the whole message)"
    }

    /// Queues a checked request; 202 with the job.
    func submit(_ request: JobRequest, _ access: Access) async throws -> Response {
        try access.require(.analyst, to: "submit jobs")
        _ = try request.job(maxIterations: app.limits.maxIterations)
        if request.kind == .rerun, let run = request.run { _ = try app.visibleRun(run, access) }
        let pending = try app.store.pendingJobCount(tokenID: access.tokenID)
        guard pending < app.limits.maxPendingJobs else {
            throw APIFailure(
                .tooManyRequests,
                "this token has \(pending) jobs queued or computing, the server's limit "
                    + "(ccts serve --max-queued \(app.limits.maxPendingJobs)); wait for one to end or cancel one "
                    + "(DELETE /api/jobs/ID)"
            )
        }
        let job = try app.store.addJob(
            kind: request.kind.rawValue, request: try Reply.compact(request),
            tokenID: access.tokenID)
        await app.queue.enqueue(job.id)
        return try Reply.json(await state(try app.store.job(job.id) ?? job), status: .accepted)
    }

    /// A job the caller may see: its own, or any for an admin not bound to an entity.
    func visibleJob(_ id: Int64, _ access: Access) throws -> ServerJob {
        guard let job = try app.store.job(id), Self.sees(access, job) else {
            throw APIFailure.notFound("no job \(id) for this token; GET /api/jobs lists the jobs it sees")
        }
        return job
    }

    static func sees(_ access: Access, _ job: ServerJob) -> Bool {
        (access.role == .admin && access.entity == nil) || (job.tokenID != nil && job.tokenID == access.tokenID)
    }

    func add(to router: RouteTable) {
        router.post("/api/jobs", role: .analyst, to: "submit jobs") { request, context in
            let body = try await app.decode(JobRequest.self, from: request) { object in
                let kind = (object as? [String: Any])?["kind"] as? String
                return (JobRequest.fields(for: kind), "a \(kind ?? "job") job")
            }
            return try await submit(body, context.access)
        }

        router.get("/api/jobs", role: .viewer, to: "list jobs") { request, context in
            let limit = try RunRoutes.limit(request.uri.queryParameters.get("limit"))
            let everyone = context.access.role == .admin && context.access.entity == nil
            let jobs =
                everyone
                ? try app.store.jobs(tokenID: nil, limit: limit)
                : (context.access.tokenID == nil
                    ? [] : try app.store.jobs(tokenID: context.access.tokenID, limit: limit))
            struct Listing: Encodable { var jobs: [JobState] }
            var states: [JobState] = []
            for job in jobs { states.append(await state(job, listing: true)) }
            return try Reply.json(Listing(jobs: states))
        }

        router.get("/api/jobs/{id}", role: .viewer, to: "read jobs") { _, context in
            try Reply.json(
                await state(try visibleJob(try context.parameters.require("id", as: Int64.self), context.access)))
        }

        // Cancels a queued or computing job: its submitter (an analyst or more) or an admin not bound to an entity.
        router.delete("/api/jobs/{id}", role: .analyst, to: "cancel jobs") { _, context in
            let job = try visibleJob(try context.parameters.require("id", as: Int64.self), context.access)
            guard job.status == .queued || job.status == .running else {
                throw APIFailure(
                    .conflict,
                    "job \(job.id) has already ended (\(job.status.rawValue)); only a queued or computing job can be "
                        + "cancelled"
                )
            }
            let who = context.access.tokenID.map { "token \($0)" } ?? "the local admin"
            guard try await app.queue.cancel(job.id, reason: "cancelled by \(who)") else {
                throw APIFailure(
                    .conflict, "job \(job.id) is computed by another server on this store; cancel it there")
            }
            return try Reply.json(await state(try app.store.job(job.id) ?? job))
        }

        // Server-sent events: `state` whenever the job changes (queue position, progress, status), until it ends.
        router.get("/api/jobs/{id}/events", role: .viewer, to: "follow jobs") { _, context in
            let job = try visibleJob(try context.parameters.require("id", as: Int64.self), context.access)
            var headers = HTTPFields()
            headers[.contentType] = "text/event-stream"
            headers[.cacheControl] = "no-cache"
            let routes = self
            return Response(
                status: .ok, headers: headers,
                body: ResponseBody { writer in
                    var last: JobState?
                    var current = job
                    while true {
                        let now = await routes.state(current)
                        if now != last {
                            let text = "event: state\ndata: " + (try Reply.compact(now)) + "\n\n"
                            try await writer.write(ByteBuffer(string: text))
                            last = now
                        }
                        if now.status == "completed" || now.status == "failed" { break }
                        try await Task.sleep(nanoseconds: 200_000_000)
                        guard let next = try routes.app.store.job(current.id) else { break }
                        current = next
                    }
                    try await writer.finish(nil)
                })
        }
    }
}
