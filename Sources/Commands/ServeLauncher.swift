import ArgumentParser
import CommandSupport
import Foundation

/// `ccts serve`: starts `ccts-serve`, the HTTP server, with every argument as given and this binary
/// as the `ccts` its jobs run. The server is an executable of its own so that building ccts to run
/// plants never compiles the HTTP stack (SwiftNIO and Hummingbird: most of a fresh build's time);
/// `make install` installs both, and `make serve` builds the server beside `make build`'s ccts.
struct ServeLauncher: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the run store over HTTP: a JSON API (OpenAPI at /openapi.json) and a run browser at /.",
        discussion: "Starts ccts-serve (installed beside ccts); `ccts serve --help` lists its options.")

    @Argument(parsing: .captureForPassthrough, help: "The server's options (ccts serve --help).")
    var arguments: [String] = []

    func run() throws {
        try reportingErrors {
            guard CommandContext.current.ownsProcess else {
                throw CommandError(
                    "ccts serve replaces the process it runs in with the server; run it from the ccts binary")
            }
            let me = CommandContext.current.executable
            guard let server = Self.server(beside: me) else {
                throw CommandError(
                    "ccts serve needs ccts-serve, the server, beside \(me) or on PATH; build it with `make serve` (or "
                        + "install both with `make install`)"
                )
            }
            let argv = [server, "--ccts", me] + arguments
            var pointers: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
            execv(server, &pointers)
            throw CommandError("ccts serve: could not start \(server): \(String(cString: strerror(errno)))")
        }
    }

    /// `ccts-serve` beside `binary`, else the first on PATH.
    static func server(beside binary: String) -> String? {
        let folders =
            [URL(fileURLWithPath: binary).deletingLastPathComponent().path]
            + (CommandContext.current.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        return folders.map { URL(fileURLWithPath: $0).appendingPathComponent("ccts-serve").path }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
