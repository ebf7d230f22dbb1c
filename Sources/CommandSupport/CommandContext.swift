import Foundation

/// Who a command runs for: its output, its environment, the command line a stored run records and
/// the ccts binary it starts as a child (`bench`, `serve`, `slurm`, a re-run of a run an older ccts
/// stored). The binary runs with the process's own (``process``); a caller in the same process — a
/// test, a program linking the commands — binds its own with `CommandContext.$current.withValue`.
///
/// The context is task-local: commands read it on the thread that runs them, so two commands run
/// side by side in one process (the CLI tests do) each print into their own console. Work a command
/// hands to other threads does not print; what reports from them (progress) captures the console
/// when it is made.
public struct CommandContext: Sendable {
    /// Where the command's standard output and standard error go.
    public var console: Console
    /// The variables the command reads (`CCTS_DB`, `CCTS_NUMBER_FORMAT`, `CCTS_CHROMIUM`, `PATH`),
    /// and passes on to a child it starts.
    public var environment: [String: String]
    /// The command line without the program's name, as a stored run records it.
    public var arguments: [String]
    /// The absolute path of the ccts binary a command starts as a child.
    public var executable: String
    /// Whether the command is the process (the binary's `main`): only then may it replace the
    /// process with another program (`ccts serve` becomes `ccts-serve`).
    public let ownsProcess: Bool

    /// A context for a command run in a process it does not own.
    public init(console: Console, environment: [String: String], arguments: [String], executable: String) {
        self.init(
            console: console, environment: environment, arguments: arguments, executable: executable,
            ownsProcess: false)
    }

    private init(
        console: Console, environment: [String: String], arguments: [String], executable: String, ownsProcess: Bool
    ) {
        self.console = console
        self.environment = environment
        self.arguments = arguments
        self.executable = executable
        self.ownsProcess = ownsProcess
    }

    /// The process's own: standard output and error, its environment, its arguments, this binary.
    public static let process = CommandContext(
        console: .standard, environment: ProcessInfo.processInfo.environment,
        arguments: Array(CommandLine.arguments.dropFirst()), executable: BuildInfo.executable, ownsProcess: true)

    /// The context of the command running on this task (or thread); the process's by default.
    @TaskLocal public static var current: CommandContext = .process
}

/// A command's two output streams: the process's standard output and error (``standard``), or two
/// buffers a caller reads when the command is done (``capturing()``).
public final class Console: @unchecked Sendable {
    /// The process's standard output and standard error.
    public static let standard = Console(capturing: false)

    /// A console that keeps what is written, for ``output`` and ``errors``.
    public static func capturing() -> Console { Console(capturing: true) }

    private let captures: Bool
    private let lock = NSLock()
    private var outputBytes = Data()
    private var errorBytes = Data()

    private init(capturing: Bool) { captures = capturing }

    /// Writes `data` to standard output.
    public func write(output data: Data) {
        guard captures else { return FileHandle.standardOutput.write(data) }
        lock.withLock { outputBytes.append(data) }
    }

    /// Writes `data` to standard error.
    public func write(error data: Data) {
        guard captures else { return FileHandle.standardError.write(data) }
        lock.withLock { errorBytes.append(data) }
    }

    /// Whether standard error is a terminal (a progress bar draws only there); never for a capture.
    public var errorIsTerminal: Bool { !captures && isatty(STDERR_FILENO) != 0 }

    /// What was written to standard output (empty for ``standard``).
    public var output: String { lock.withLock { String(decoding: outputBytes, as: UTF8.self) } }

    /// What was written to standard error (empty for ``standard``).
    public var errors: String { lock.withLock { String(decoding: errorBytes, as: UTF8.self) } }
}
