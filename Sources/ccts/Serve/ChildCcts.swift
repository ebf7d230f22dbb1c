import Foundation

/// One `ccts` child process of the server, in a folder of its own: the server computes nothing
/// itself, so every number it serves is what `ccts` prints for the same files (one formula
/// source), and a rule script that misbehaves ends in its child, never in the server.
struct ChildCcts: Sendable {
    /// This very binary.
    let executable: String
    /// Longest a child may take before it is killed.
    let timeoutSeconds: Double

    struct Finished: Sendable {
        var status: Int32
        var stdout: Data
        var stderr: String
        var timedOut: Bool
        var succeeded: Bool { status == 0 && !timedOut }
    }

    /// Runs `ccts arguments` in `folder`; `line` gets each line it writes to stderr as it comes.
    func run(_ arguments: [String], in folder: URL, line: @escaping @Sendable (String) -> Void = { _ in }) async throws -> Finished {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let collected = OutputCollector(line: line)
        let timedOut = TimeoutFlag()
        try process.run()
        let pid = process.processIdentifier
        DispatchQueue.global().asyncAfter(deadline: .now() + timeoutSeconds) {
            if process.isRunning {
                timedOut.set()
                kill(pid, SIGKILL)
            }
        }
        // Blocking reads on threads of their own: stderr line by line, stdout to its end, then the exit.
        return await withCheckedContinuation { continuation in
            let stderrDone = DispatchSemaphore(value: 0)
            DispatchQueue.global().async {
                while true {
                    let data = err.fileHandleForReading.availableData
                    if data.isEmpty { break }
                    collected.addErr(data)
                }
                stderrDone.signal()
            }
            DispatchQueue.global().async {
                let stdout = out.fileHandleForReading.readDataToEndOfFile()
                stderrDone.wait()
                process.waitUntilExit()
                continuation.resume(returning: Finished(status: process.terminationStatus, stdout: stdout,
                                                        stderr: collected.stderr(), timedOut: timedOut.isSet))
            }
        }
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

private final class TimeoutFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}

/// A folder for one child's files, named by the client's file names (so messages name them),
/// removed when done.
struct WorkFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("ccts-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Writes `text` at `relative` (a checked name, possibly in a sub-folder such as `rules/`).
    func write(_ text: String, to relative: String) throws {
        let target = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: target)
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}
