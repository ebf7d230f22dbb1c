import Dispatch
import Foundation

/// Where a command's wall time goes, phase by phase: with `CCTS_TIMELINE=1` in the environment,
/// each ``mark(_:)`` writes one line to standard error (seconds since the first mark, and since
/// the previous one). For the people tuning the engine (issue: Monte Carlo at the machine's
/// limit); without the variable a mark costs one branch.
public enum Timeline {
    public static let enabled =
        ProcessInfo.processInfo.environment["CCTS_TIMELINE"].map { !$0.isEmpty && $0 != "0" } ?? false
    private static let clock = Clock()

    /// Notes that the phase `name` has just ended.
    public static func mark(_ name: @autoclosure () -> String) {
        guard enabled else { return }
        let (total, phase) = clock.lap()
        FileHandle.standardError.write(
            Data(String(format: "timeline %8.4f s  %+8.4f s  %@\n", total, phase, name()).utf8))
    }

    private final class Clock: @unchecked Sendable {
        private let lock = NSLock()
        private var start: UInt64?
        private var last: UInt64 = 0

        func lap() -> (total: Double, phase: Double) {
            lock.lock()
            defer { lock.unlock() }
            let now = DispatchTime.now().uptimeNanoseconds
            let origin = start ?? now
            start = origin
            defer { last = now }
            return (Double(now - origin) / 1e9, Double(now - (last == 0 ? origin : last)) / 1e9)
        }
    }
}
