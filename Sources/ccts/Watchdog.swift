import Foundation

/// Ends the process with a clear error if a load takes longer than its budget.
///
/// The instruction budget cannot interrupt a single C call inside Lua (a
/// pathological `string.find` pattern, say); this is the backstop for that case.
enum Watchdog {
    static func limit<T>(seconds: Double, what: String, _ body: () throws -> T) rethrows -> T {
        let timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now() + seconds)
        timer.setEventHandler {
            FileHandle.standardError.write(Data("error: \(what): loading took longer than \(seconds) s and was stopped; a pattern or loop that never ends? Raise the limit with --max-seconds if the file is legitimate\n".utf8))
            exit(ExitStatus.inputError)
        }
        timer.resume()
        defer { timer.cancel() }
        return try body()
    }
}
