import ArgumentParser
import CCTS
import Foundation
import LuaSandbox

/// Exit codes, decided in one place.
enum ExitStatus {
    /// Bad input: a rule, reform or scenario file, a value on the command line, or a store that cannot be used.
    static let inputError: Int32 = 1
    /// The command line itself is wrong: an unknown option, a missing or bad value.
    static let usage: Int32 = 2
}

/// Runs a command body and turns every error into one clear message on stderr and a non-zero exit.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as InputError {
        fail("\(error)")
    } catch let error as LuaError {
        fail("\(error)")
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
struct CommandError: Error, CustomStringConvertible {
    var message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

/// Prints the message and exits: only ``reportingErrors(_:)`` and the top of a command call it.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    exit(ExitStatus.inputError)
}

/// Writes to standard output with a final newline.
func emit(_ text: String) {
    FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
}

/// Writes a warning line to standard error.
func warn(_ text: String) {
    FileHandle.standardError.write(Data("warning: \(text)\n".utf8))
}
