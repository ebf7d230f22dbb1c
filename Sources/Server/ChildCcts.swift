import CommandSupport
import Foundation

/// One `ccts` child process of the server, in a folder of its own: the server computes nothing
/// itself, so every number it serves is what `ccts` prints for the same files (one formula
/// source), and a rule script that misbehaves ends in its child, never in the server.
struct ChildCcts: Sendable {
    /// This very binary.
    let executable: String
    /// Longest a child may take before it is killed.
    let timeoutSeconds: Double
    /// Most resident memory a child may use, in bytes, before it is killed.
    let memoryBytes: Int

    /// Why a child was stopped by the server rather than ending by itself.
    enum Stop: Sendable, Equatable { case timeout, memory(Int), cancelled }

    struct Finished: Sendable {
        var status: Int32
        var stdout: Data
        var stderr: String
        var stopped: Stop?
        var succeeded: Bool { status == 0 && stopped == nil }
    }

    /// Runs `ccts arguments` in `folder`; `line` gets each line it writes to stderr as it comes,
    /// `started` its process (to cancel it). A watchdog samples its resident memory four times a
    /// second and kills it past `memoryBytes`, and kills it after `timeoutSeconds`.
    func run(
        _ arguments: [String], in folder: URL, started: @escaping @Sendable (ChildHandle) -> Void = { _ in },
        line: @escaping @Sendable (String) -> Void = { _ in }
    ) async throws -> Finished {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let collected = OutputCollector(line: line)
        try process.run()
        let handle = ChildHandle(pid: process.processIdentifier)
        started(handle)
        handle.watch(until: Date().addingTimeInterval(timeoutSeconds), memoryBytes: memoryBytes) { process.isRunning }
        // Blocking reads on threads of their own (never the dispatch pool, which the server's
        // request handlers run on: blocking it starves them): stderr line by line, stdout to its
        // end, then the exit.
        return await withCheckedContinuation { continuation in
            let stderrDone = DispatchSemaphore(value: 0)
            Thread.detachNewThread {
                while true {
                    let data = err.fileHandleForReading.availableData
                    if data.isEmpty { break }
                    collected.addErr(data)
                }
                stderrDone.signal()
            }
            Thread.detachNewThread {
                let stdout = out.fileHandleForReading.readDataToEndOfFile()
                stderrDone.wait()
                process.waitUntilExit()
                handle.unwatch()
                continuation.resume(
                    returning: Finished(
                        status: process.terminationStatus, stdout: stdout,
                        stderr: collected.stderr(), stopped: handle.stopped))
            }
        }
    }
}

extension ChildCcts {
    /// What a failed child said, in the client's terms: the work folder's path and the store's
    /// path removed, progress lines left out; or why the server stopped it.
    func message(_ result: Finished, folder: String, store: String) -> String {
        switch result.stopped {
        case .timeout?:
            return "stopped after \(Int(timeoutSeconds)) s, the server's limit for one job (ccts serve --job-timeout)"
        case .memory(let bytes)?:
            return
                "stopped at \(bytes >> 20) MiB of memory, past the server's limit of \(memoryBytes >> 20) MiB for one "
                + "job "
                + "(ccts serve --job-memory); ask for fewer worlds or entities"
        case .cancelled?: return "cancelled (DELETE /api/jobs/ID)"
        case nil: break
        }
        let lines = result.stderr.split(separator: "\n").filter { !$0.hasPrefix("progress ") }
        let text = Self.clean(
            lines.joined(separator: "\n").replacingOccurrences(of: folder + "/", with: ""), store: store)
        return text.isEmpty
            ? "the job's ccts process ended with status \(result.status) and said nothing" : String(text.suffix(4000))
    }

    /// `text` without the server's own paths: its store (as "the server's store") and its work folders.
    static func clean(_ text: String, store: String) -> String {
        var cleaned = text.replacingOccurrences(of: store, with: "the server's store")
        let root = WorkFolder.root.path
        while let range = cleaned.range(of: root) {
            // the folder and the job's folder name after it
            var end = range.upperBound
            if cleaned[end...].hasPrefix("/") {
                end = cleaned.index(after: end)
                while end < cleaned.endIndex, cleaned[end] != "/", !cleaned[end].isWhitespace {
                    end = cleaned.index(after: end)
                }
                if end < cleaned.endIndex, cleaned[end] == "/" { end = cleaned.index(after: end) }
            }
            cleaned.replaceSubrange(range.lowerBound..<end, with: "")
        }
        return cleaned
    }
}

/// A child's stderr, whole and line by line.
private final class OutputCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var err = Data()
    private var partial = Data()
    private let line: @Sendable (String) -> Void

    init(line: @escaping @Sendable (String) -> Void) { self.line = line }

    func addErr(_ data: Data) {
        let lines: [String] = lock.withLock {
            err.append(data)
            partial.append(data)
            var complete: [String] = []
            while let newline = partial.firstIndex(of: UInt8(ascii: "\n")) {
                complete.append(String(decoding: partial[partial.startIndex..<newline], as: UTF8.self))
                partial.removeSubrange(partial.startIndex...newline)
            }
            return complete
        }
        lines.forEach(line)
    }

    func stderr() -> String {
        lock.withLock { String(decoding: err, as: UTF8.self) }
    }
}

/// A running child: its process id, why the server stopped it (if it did), its memory.
final class ChildHandle: @unchecked Sendable {
    let pid: Int32
    private let lock = NSLock()
    private var reason: ChildCcts.Stop?

    init(pid: Int32) { self.pid = pid }

    var stopped: ChildCcts.Stop? { lock.withLock { reason } }

    /// Kills the child (SIGKILL: a rule script cannot delay it), remembering why; the first reason stays.
    func stop(_ why: ChildCcts.Stop) {
        lock.withLock { if reason == nil { reason = why } }
        kill(pid, SIGKILL)
    }

    /// The watchdog: a timer four times a second, not a thread of its own (a blocked thread per
    /// job would starve the dispatch pool that reads the children's output). It stops the child
    /// past `deadline` or past `memoryBytes` of resident memory.
    func watch(until deadline: Date, memoryBytes: Int, running: @escaping @Sendable () -> Bool) {
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue.global())
        timer.schedule(deadline: .now() + 0.25, repeating: 0.25)
        timer.setEventHandler { [weak self] in
            guard let self, running() else { self?.unwatch(); return }
            if Date() >= deadline {
                stop(.timeout)
                unwatch()
            } else if let resident = residentBytes(), resident > memoryBytes {
                stop(.memory(resident))
                unwatch()
            }
        }
        lock.withLock { self.timer = timer }
        timer.resume()
    }

    func unwatch() {
        let timer = lock.withLock { () -> (any DispatchSourceTimer)? in
            defer { self.timer = nil }
            return self.timer
        }
        timer?.cancel()
    }

    private var timer: (any DispatchSourceTimer)?

    /// Its resident set size from /proc (nil once it has gone).
    func residentBytes() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/statm", encoding: .utf8) else { return nil }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}

/// A folder for one child's files, named by the client's file names (so messages name them),
/// removed when done. Every folder of one server lives in `ccts-serve-PID` in the temporary
/// folder (mode 0700, as each job's folder): a server that starts removes those of servers
/// whose process is gone, so a crash leaves nothing behind for long.
struct WorkFolder {
    let url: URL

    /// This server's folder of work folders.
    static let root = FileManager.default.temporaryDirectory.appendingPathComponent("ccts-serve-\(getpid())")

    init() throws {
        url = Self.root.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(
            at: Self.root, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try FileManager.default.createDirectory(
            at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    /// Writes `data` at `relative` (a checked name, possibly in a sub-folder such as `rules/` or `data/`).
    func write(_ data: Data, to relative: String) throws {
        let target = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(
            at: target.deletingLastPathComponent(), withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700])
        try data.write(to: target)
    }

    func write(_ text: String, to relative: String) throws { try write(Data(text.utf8), to: relative) }

    func remove() { try? FileManager.default.removeItem(at: url) }

    /// Removes the work folders of servers that have ended (killed, crashed): `ccts-serve-PID`
    /// whose PID is no longer a process.
    /// - Returns: how many were removed.
    @discardableResult
    static func removeAbandoned() -> Int {
        let temporary = FileManager.default.temporaryDirectory
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: temporary.path) else { return 0 }
        var removed = 0
        for name in names where name.hasPrefix("ccts-serve-") {
            guard let pid = Int32(name.dropFirst("ccts-serve-".count)), pid != getpid(), kill(pid, 0) != 0,
                errno == ESRCH
            else { continue }
            if (try? FileManager.default.removeItem(at: temporary.appendingPathComponent(name))) != nil { removed += 1 }
        }
        return removed
    }
}
