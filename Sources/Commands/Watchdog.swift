import CommandSupport
import Foundation
import RunStore
import Workflows

/// Ends the process with a clear error if a load takes longer than its budget.
///
/// Lua code is stopped by the time budget of its count hook (``LuaBudget/commandDeadline``),
/// which ends as an ordinary error. The hook cannot interrupt a single C call inside Lua (a
/// pathological `string.find` pattern, say); this timer is the backstop for that case, and
/// the only place below the command's top that exits, after marking the stored run failed.
struct Watchdog: LoadTimeLimit {
    /// Marks the run being recorded as failed, if the timer has to end the process.
    nonisolated(unsafe) private static var onTimeout: ((String) -> Void)?

    /// Arms ``limit(seconds:what:_:)`` to mark `run` failed in `store` before it exits.
    static func recordFailure(in store: RunStore, run: Int64) {
        onTimeout = { message in try? store.fail(run, error: message) }
    }

    static func limit<T>(seconds: Double, what: String, _ body: () throws -> T) rethrows -> T {
        let timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now() + seconds)
        timer.setEventHandler {
            let message =
                "\(what): loading took longer than \(seconds) s and was stopped; a pattern or loop that never ends? "
                + "Raise the limit with --max-seconds if the file is legitimate"
            onTimeout?(message)
            FileHandle.standardError.write(Data("error: \(message)\n".utf8))
            exit(ExitStatus.inputError)
        }
        timer.resume()
        defer { timer.cancel() }
        return try body()
    }

    /// The same limit, for a library workflow that loads (``LoadTimeLimit``).
    func limit<T>(seconds: Double, what: String, _ body: () throws -> T) throws -> T {
        try Self.limit(seconds: seconds, what: what, body)
    }
}
