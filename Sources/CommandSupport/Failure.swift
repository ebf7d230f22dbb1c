import ArgumentParser
import Foundation

/// Exit codes, decided in one place.
public enum ExitStatus {
    /// Bad input: a rule, reform or scenario file, a value on the command line, or a store that cannot be used.
    public static let inputError: Int32 = 1
    /// The command line itself is wrong: an unknown option, a missing or bad value.
    public static let usage: Int32 = 2
}

/// Runs a command body and turns every error into one ``CommandFailure`` — one clear message, which
/// the top (``ParsableCommand/execute(_:usageStatus:)``) prints with exit status 1; the argument
/// parser's own errors (a bad value, `--help`, an exit code) go back to it as they are.
public func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as ValidationError {
        throw error
    } catch let error as CleanExit {
        throw error
    } catch let error as ArgumentParser.ExitCode {
        throw error
    } catch let error as CommandFailure {
        throw error
    } catch {
        throw CommandFailure(message: "\(error)")
    }
}

/// A command that cannot go on, in the user's terms. Thrown (never `exit`) from work that the
/// run store records, so that the stored run is marked failed with this message.
public struct CommandError: Error, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// How a command ended when it failed: the message the top prints as `error: MESSAGE` with exit
/// status 1. ``reportingErrors(_:)`` makes one of every error a command's body throws.
public struct CommandFailure: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

extension ParsableCommand {
    /// Parses `arguments` as this root command's, runs the command and returns its exit status, with
    /// every message on the current context's console (``CommandContext/current``): what a binary's
    /// `main` and an in-process caller both call. Nothing here ends the process.
    /// - Parameter usageStatus: the status of a wrong command line (nil: the argument parser's own, 64).
    public static func execute(_ arguments: [String], usageStatus: Int32? = ExitStatus.usage) -> Int32 {
        let console = CommandContext.current.console
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            return 0
        } catch let failure as CommandFailure {
            console.write(error: Data("error: \(failure.message)\n".utf8))
            return ExitStatus.inputError
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .validationFailure, let usageStatus {
                console.write(error: Data((message + "\n").utf8))
                return usageStatus
            }
            if !message.isEmpty {
                let line = Data((message + "\n").utf8)
                code.isSuccess ? console.write(output: line) : console.write(error: line)
            }
            return code.rawValue
        }
    }
}

/// Writes to standard output with a final newline.
public func emit(_ text: String) {
    CommandContext.current.console.write(output: Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
}

/// Writes a warning line to standard error.
public func warn(_ text: String) {
    CommandContext.current.console.write(error: Data("warning: \(text)\n".utf8))
}
