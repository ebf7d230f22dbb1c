import ArgumentParser
import Foundation

/// Exit codes, decided in one place.
public enum ExitStatus {
    /// Bad input: a rule, reform or scenario file, a value on the command line, or a store that cannot be used.
    public static let inputError: Int32 = 1
    /// The command line itself is wrong: an unknown option, a missing or bad value.
    public static let usage: Int32 = 2
}

/// Runs a command body and turns every error into one clear message on stderr and a non-zero
/// exit; the argument parser's own errors (a bad value, `--help`, an exit code) go back to it.
public func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as ValidationError {
        throw error
    } catch let error as CleanExit {
        throw error
    } catch let error as ArgumentParser.ExitCode {
        throw error
    } catch {
        fail("\(error)")
    }
}

/// A command that cannot go on, in the user's terms. Thrown (never `exit`) from work that the
/// run store records, so that the stored run is marked failed with this message.
public struct CommandError: Error, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Prints the message and exits: only ``reportingErrors(_:)`` and the top of a command call it.
public func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    exit(ExitStatus.inputError)
}

/// Writes to standard output with a final newline.
public func emit(_ text: String) {
    FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
}

/// Writes a warning line to standard error.
public func warn(_ text: String) {
    FileHandle.standardError.write(Data("warning: \(text)\n".utf8))
}
