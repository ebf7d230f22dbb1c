import CommandSupport
import Foundation
import Requests
import RunStore

/// The server's jobs: at most `slots` children computing at once, the rest waiting in order
/// (their position visible), each job's progress as its child reports it. The queue itself is
/// kept in the store (``ServerJob``): a job is claimed there atomically before its child starts,
/// so two servers on one store never compute the same job, and a restarted server settles the
/// jobs its predecessor left running and computes the ones still queued.
actor JobQueue {
    struct Progress: Sendable, Encodable {
        var done: Int
        var total: Int
        var seconds: Double
    }

    let store: RunStore
    let child: ChildCcts
    let slots: Int
    let maxIterations: Int

    private var waiting: [Int64] = []
    private var running: [Int64: Progress?] = [:]
    private var children: [Int64: ChildHandle] = [:]
    private var cancelled: Set<Int64> = []

    init(store: RunStore, child: ChildCcts, slots: Int, maxIterations: Int) {
        self.store = store
        self.child = child
        self.slots = slots
        self.maxIterations = maxIterations
    }

    /// After a restart: the jobs left running are settled, the queued ones computed again in order.
    func resume() throws {
        let outliving = try store.settleInterruptedJobs()
        for job in try store.queuedJobs() { waiting.append(job.id) }
        pump()
        // children of the previous server still computing: settled once they end
        if !outliving.isEmpty {
            let store = store
            Task.detached {
                var left = outliving
                while !left.isEmpty {
                    try? await Task.sleep(nanoseconds: 500_000_000)
                    left = (try? store.settleInterruptedJobs()) ?? []
                }
            }
        }
    }

    func enqueue(_ id: Int64) {
        waiting.append(id)
        pump()
    }

    /// Cancels job `id`: a queued job leaves the queue, a running one has its child killed; either
    /// ends `failed` with `reason`. False when this server holds no such job (ended, or another server's).
    func cancel(_ id: Int64, reason: String) throws -> Bool {
        if let index = waiting.firstIndex(of: id) {
            waiting.remove(at: index)
            try store.finishJob(id, run: nil, error: reason)
            return true
        }
        guard running[id] != nil else { return false }
        cancelled.insert(id)
        children[id]?.stop(.cancelled)
        return true
    }

    /// 1 for the next job to start; nil once it has started.
    func position(of id: Int64) -> Int? { waiting.firstIndex(of: id).map { $0 + 1 } }

    func progress(of id: Int64) -> Progress? { running[id] ?? nil }

    /// Whether the job's child has been started (its row may still say queued for an instant).
    func isRunning(_ id: Int64) -> Bool { running[id] != nil }

    var counts: (running: Int, waiting: Int) { (running.count, waiting.count) }

    private func pump() {
        while running.count < slots, !waiting.isEmpty {
            let id = waiting.removeFirst()
            running[id] = .some(nil)
            Task { await self.execute(id) }
        }
    }

    private func report(_ id: Int64, _ progress: Progress) { running[id] = progress }

    private func started(_ id: Int64, _ handle: ChildHandle) {
        children[id] = handle
        if cancelled.contains(id) { handle.stop(.cancelled) }
    }

    private func finished(_ id: Int64) {
        running[id] = nil
        children[id] = nil
        cancelled.remove(id)
        pump()
    }

    /// One job: claimed in the store (or left to the server that claimed it first), its files
    /// written to a fresh folder, its child run with this store and the job's id, the job ended
    /// with the child's run or its error (the child's own message). A child the server stopped
    /// (time, memory, cancel) leaves its run `failed` with the reason, never `running`.
    private func execute(_ id: Int64) async {
        defer { finished(id) }
        do {
            guard try store.claimJob(id), let job = try store.job(id) else { return }
            let request = try Reply.decoder.decode(JobRequest.self, from: Data(job.request.utf8))
            let entity = try job.tokenID.flatMap { token in try store.tokens().first { $0.id == token }?.entity }
            let (jobFile, files) = try request.job(
                maxIterations: maxIterations, store: store.path, id: id, entity: entity)
            let folder = try WorkFolder()
            defer { folder.remove() }
            for file in files { try folder.write(file.data, to: file.path) }
            try folder.write(try JSONEncoder().encode(jobFile), to: JobFile.name)
            let result = try await child.run(
                ChildCommand(["execute"], positionals: [JobFile.name]).arguments(), in: folder.url,
                started: { handle in
                    Task { await self.started(id, handle) }
                },
                line: { line in
                    let parts = line.split(separator: " ")
                    guard parts.count == 4, parts[0] == "progress", let done = Int(parts[1]), let total = Int(parts[2]),
                        let seconds = Double(parts[3])
                    else { return }
                    Task { await self.report(id, Progress(done: done, total: total, seconds: seconds)) }
                })
            let run = try store.runOfJob(id)
            if result.succeeded, let run {
                try store.finishJob(id, run: run.id, error: nil)
            } else {
                let message = child.message(result, folder: folder.url.path, store: store.path)
                if let run, run.status == "running" { try store.fail(run.id, error: message) }
                try store.finishJob(id, run: run?.id, error: message)
            }
        } catch let failure as APIFailure {
            try? store.finishJob(id, run: nil, error: failure.message)
        } catch {
            try? store.finishJob(
                id, run: nil,
                error:
                    "the server could not run this job: "
                    + "\(ChildCcts.clean(String(describing: error), store: store.path))"
            )
        }
    }
}
