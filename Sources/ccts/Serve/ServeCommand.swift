import ArgumentParser
import Foundation
import Hummingbird
import Logging
import RunStore

/// `ccts serve`: the run store over HTTP — a JSON API (described at /openapi.json) and a run browser at /.
///
/// The server computes nothing itself: every job, report, export and diff is a child `ccts` on the
/// same store, so the API's numbers are the command line's, bit for bit.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the run store over HTTP: a JSON API (OpenAPI at /openapi.json) and a run browser at /.",
        discussion: """
        Loopback only unless --host says otherwise. With no API token in the store, every request acts as \
        the local admin; once a token exists (ccts tokens add), every /api request needs \
        'Authorization: Bearer TOKEN'. Submitted runs queue behind --jobs computing at once.
        """)

    @OptionGroup var storeOptions: StoreOptions
    @Option(name: .long, help: "Address to listen on (default loopback; 0.0.0.0 for every interface).") var host = "127.0.0.1"
    @Option(name: .long, help: "Port (0: any free port, printed at start).") var port = 8080
    @Option(name: .long, help: "Jobs computing at once; more wait in a queue.") var jobs = 2
    @Option(name: .customLong("max-body"), help: "Largest request body, in KB.") var maxBodyKB = 4096
    @Option(name: .customLong("max-iterations"), help: "Most worlds one job may ask for.") var maxIterations = 10_000_000
    @Option(name: .customLong("job-timeout"), help: "Seconds one job, report or export may take before it is stopped.") var jobTimeout = 3600.0

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0 to 65535") }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        guard maxBodyKB >= 1 else { throw ValidationError("--max-body must be at least 1 KB") }
        guard maxIterations >= 1 else { throw ValidationError("--max-iterations must be at least 1") }
        guard jobTimeout > 0 else { throw ValidationError("--job-timeout must be a positive number of seconds") }
    }

    func run() throws {
        try reportingErrors {
            // absolute: the children run in folders of their own
            var options = storeOptions
            options.db = URL(fileURLWithPath: storeOptions.path).standardizedFileURL.path
            let store = try options.open()
            let loopback = ["127.0.0.1", "localhost", "::1"].contains(host)
            if !loopback, try !store.hasActiveTokens() {
                warn("ccts serve: listening on \(host) with no API token in \(store.path): anyone who reaches this address is an admin. Add one with: ccts tokens add --role admin --name NAME")
            }
            let child = ChildCcts(executable: Self.executable, timeoutSeconds: jobTimeout)
            let queue = JobQueue(store: store, child: child, slots: jobs, maxIterations: maxIterations)
            let served = ServeApp(store: store, queue: queue, child: child, limits: ServeLimits(bodyBytes: maxBodyKB * 1024, maxIterations: maxIterations))
            var logger = Logger(label: "ccts-serve")
            logger.logLevel = .warning
            let (host, path) = (self.host, store.path)
            let application = Application(router: served.routes().router, configuration: .init(address: .hostname(host, port: port), serverName: "ccts"),
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
            if let error = failure.error { throw CommandError("ccts serve on \(host):\(port): \(error)") }
        }
    }

    /// This binary, which the server runs as its children.
    static var executable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}

private final class FailureBox: @unchecked Sendable {
    var error: Error?
}
