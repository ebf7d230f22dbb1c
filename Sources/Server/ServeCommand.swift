import ArgumentParser
import CommandSupport
import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import RunStore

/// `ccts serve` (the executable `ccts-serve`, which `ccts serve` starts): the run store over HTTP —
/// a JSON API (described at /openapi.json) and a run browser at /.
///
/// The server computes nothing itself: every job, report, export and diff is a child `ccts` on the
/// same store, so the API's numbers are the command line's, bit for bit. It is an executable of its
/// own so that a build of `ccts` to run plants never compiles the HTTP stack (SwiftNIO, Hummingbird).
public struct ServeCommand: ParsableCommand {
    public init() {}

    public static let configuration = CommandConfiguration(
        commandName: "ccts serve",
        abstract: "Serve the run store over HTTP: a JSON API (OpenAPI at /openapi.json) and a run browser at /.",
        discussion: """
            Loopback only unless --host says otherwise. On loopback with no API token in the store, every request \
            acts as the local admin; once a token exists (ccts tokens add), every /api request needs \
            'Authorization: Bearer TOKEN'. Beyond loopback the server refuses to start without a token \
            (unless --insecure-no-tokens) and answers only the Host names it listens on or is given with \
            --allowed-host. Submitted runs queue behind --jobs computing at once.
            """,
        version: BuildInfo.version)

    @OptionGroup var storeOptions: StoreOptions
    @Option(
        name: .customLong("ccts"),
        help: ArgumentHelp(
            "The ccts binary the jobs run as (default: ccts beside this server; `ccts serve` passes itself).",
            valueName: "path"))
    var ccts: String?
    @Option(name: .long, help: "Address to listen on (default loopback; 0.0.0.0 for every interface).") var host =
        "127.0.0.1"
    @Option(name: .long, help: "Port (0: any free port, printed at start).") var port = 8080
    @Option(name: .long, help: "Jobs computing at once; more wait in a queue.") var jobs = 2
    @Option(name: .customLong("max-body"), help: "Largest request body, in KB.") var maxBodyKB = 4096
    @Option(name: .customLong("max-iterations"), help: "Most worlds one job may ask for.") var maxIterations =
        10_000_000
    @Option(name: .customLong("job-timeout"), help: "Seconds one job, report or export may take before it is stopped.")
    var jobTimeout = 3600.0
    @Option(
        name: .customLong("job-memory"), help: "MiB of memory one job, report or export may use before it is stopped.")
    var jobMemoryMiB = 4096
    @Option(name: .customLong("max-queued"), help: "Jobs one token may have queued or computing at once.")
    var maxQueued = 10
    @Option(
        name: .customLong("allowed-host"),
        help: ArgumentHelp(
            "A host name clients reach this server by, besides loopback and --host (repeatable).", valueName: "name"))
    var allowedHosts: [String] = []
    @Flag(
        name: .customLong("insecure-no-tokens"),
        help: "Listen beyond loopback with no API token: anyone who reaches the address is an admin.")
    var insecureNoTokens = false
    @Option(
        name: .customLong("idle-timeout"),
        help: "Seconds a connection may stay idle, or take to send a request's headers or body.") var idleTimeout = 30.0
    @Option(name: .customLong("max-connections"), help: "Connections open at once; more wait in the kernel's backlog.")
    var maxConnections = 256

    public func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0 to 65535") }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        guard maxBodyKB >= 1 else { throw ValidationError("--max-body must be at least 1 KB") }
        guard maxIterations >= 1 else { throw ValidationError("--max-iterations must be at least 1") }
        guard jobTimeout > 0 else { throw ValidationError("--job-timeout must be a positive number of seconds") }
        guard jobMemoryMiB >= 64 else { throw ValidationError("--job-memory must be at least 64 MiB") }
        guard maxQueued >= 1 else { throw ValidationError("--max-queued must be at least 1") }
        guard idleTimeout > 0 else { throw ValidationError("--idle-timeout must be a positive number of seconds") }
        guard maxConnections >= 1 else { throw ValidationError("--max-connections must be at least 1") }
    }

    public func run() throws {
        try reportingErrors {
            // absolute: the children run in folders of their own
            var options = storeOptions
            options.db = URL(fileURLWithPath: storeOptions.path).standardizedFileURL.path
            let store = try options.open()
            let policy = ServePolicy(host: host, allowedHosts: allowedHosts, insecureNoTokens: insecureNoTokens)
            if policy.exposed, try !store.hasActiveTokens() {
                guard insecureNoTokens else {
                    throw CommandError(
                        "ccts serve: refusing to listen on \(host) with no API token in \(store.path): anyone who "
                            + "reaches "
                            + "this address would be an admin. Add one first (ccts tokens add --role admin --name "
                            + "NAME), "
                            + "or accept the risk with --insecure-no-tokens")
                }
                warn(
                    "ccts serve: listening on \(host) with no API token (--insecure-no-tokens): anyone who reaches "
                        + "this address is an admin"
                )
            }
            try Self.restrict(store.path)
            let removed = WorkFolder.removeAbandoned()
            if removed > 0 {
                warn(
                    "ccts serve: removed the work folders of \(removed) server\(removed == 1 ? "" : "s") that ended "
                        + "without cleaning up"
                )
            }
            let child = ChildCcts(
                executable: try Self.cctsBinary(ccts), timeoutSeconds: jobTimeout, memoryBytes: jobMemoryMiB << 20)
            let queue = JobQueue(store: store, child: child, slots: jobs, maxIterations: maxIterations)
            let limits = ServeLimits(
                bodyBytes: maxBodyKB * 1024, maxIterations: maxIterations, maxPendingJobs: maxQueued,
                bodySeconds: idleTimeout)
            let served = ServeApp(store: store, queue: queue, child: child, limits: limits, policy: policy)
            var logger = Logger(label: "ccts-serve")
            logger.logLevel = .warning
            let (host, path) = (self.host, store.path)
            let connections = MaximumAvailableConnections(maxConnections)
            let application = Application(
                router: served.routes().router,
                server: .http1(configuration: .init(idleTimeout: .milliseconds(Int64(idleTimeout * 1000)))),
                configuration: .init(
                    address: .hostname(host, port: port), serverName: "ccts",
                    availableConnectionsDelegate: connections),
                onServerRunning: { channel in
                    emit("ccts serve: listening on http://\(host):\(channel.localAddress?.port ?? 0) (store \(path))")
                }, logger: logger)
            let done = DispatchSemaphore(value: 0)
            let failure = FailureBox()
            Task.detached {
                do {
                    try await queue.resume()
                    try await application.runService()
                } catch {
                    failure.error = error
                }
                done.signal()
            }
            done.wait()
            try? FileManager.default.removeItem(at: WorkFolder.root)
            if let error = failure.error { throw CommandError("ccts serve on \(host):\(port): \(error)") }
        }
    }

    /// The store, its write-ahead log and shared memory readable and writable by their owner only
    /// (0600): it holds the token digests and every client's files. Said when it changes anything.
    static func restrict(_ path: String) throws {
        for file in [path, path + "-wal", path + "-shm"] {
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: file),
                let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue, mode & 0o077 != 0
            else { continue }
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
            warn("ccts serve: \(file) was readable by others (mode \(String(mode, radix: 8))); now 0600")
        }
    }

    /// The `ccts` the jobs run as: `--ccts`, else `ccts` beside this server's binary.
    static func cctsBinary(_ given: String?) throws -> String {
        let path =
            given
            ?? ((try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")).map {
                URL(fileURLWithPath: $0).deletingLastPathComponent().appendingPathComponent("ccts").path
            } ?? "ccts")
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw CommandError(
                "ccts serve: no ccts binary at \(path) to run the jobs; start the server as `ccts serve` or pass "
                    + "--ccts PATH"
            )
        }
        return URL(fileURLWithPath: path).standardizedFileURL.path
    }
}

private final class FailureBox: @unchecked Sendable {
    var error: Error?
}
