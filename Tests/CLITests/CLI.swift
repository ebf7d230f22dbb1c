import CommandSupport
import Commands
import Foundation

/// Runs ccts commands and captures what they print: in this process, through the `Commands` library
/// (``run(_:in:environment:)``), or as the built binary, as a user would (``spawn(_:in:environment:)``,
/// for what only a process shows: a time limit that ends it, its memory, its own working directory).
enum CLI {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// `$CCTS_BINARY` (`make test` sets it to the release build that ships), else the executable
    /// next to the test bundle (SwiftPM builds both into the same folder).
    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["CCTS_BINARY"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("ccts")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/ccts")
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The store the tests' runs go to, unless a test names its own with --db.
    static let defaultStore = FileManager.default.temporaryDirectory.appendingPathComponent(
        "ccts-cli-tests-\(UUID().uuidString).sqlite"
    ).path

    /// Runs `ccts ARGUMENTS` in this process: the command's output and exit status, as the binary
    /// would give them. A run in another `directory` is spawned (in-process commands read relative
    /// paths from this process's working directory, the package root).
    /// `environment`: variables set (or, given as "", emptied) for this run only.
    static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) throws
        -> Result
    {
        if directory != nil { return try spawn(arguments, in: directory, environment: environment) }
        _ = workingDirectory
        var variables = ProcessInfo.processInfo.environment
        variables["CCTS_DB"] = defaultStore
        for (name, value) in environment { variables[name] = value }
        let console = Console.capturing()
        let context = CommandContext(
            console: console, environment: variables, arguments: arguments, executable: binary.path)
        let status = Ccts.execute(arguments, in: context)
        return Result(status: status, stdout: console.output, stderr: console.errors)
    }

    /// The working directory of in-process commands: the package root, where `swift test` starts
    /// (set once, before the first command, in case it started elsewhere).
    private static let workingDirectory: Void = {
        if FileManager.default.currentDirectoryPath != packageRoot.path {
            FileManager.default.changeCurrentDirectoryPath(packageRoot.path)
        }
    }()

    /// Runs the built binary as a user would: a process of its own.
    /// `environment`: variables set (or, given as "", emptied) for this run only.
    static func spawn(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) throws
        -> Result
    {
        let process = start(arguments, in: directory)
        for (name, value) in environment { process.environment?[name] = value }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// A configured, not yet started process of the binary.
    /// Runs one of the repository's Python scripts (`scripts/NAME`) with `arguments`: its exit
    /// status and what it printed (standard output and error together).
    static func script(_ name: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", packageRoot.appendingPathComponent("scripts/\(name)").path] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    static func start(_ arguments: [String], in directory: URL? = nil) -> Process {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? packageRoot
        var environment = ProcessInfo.processInfo.environment
        environment["CCTS_DB"] = defaultStore
        process.environment = environment
        return process
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ccts-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
