import Foundation

/// A lock with a closure API (Foundation's NSLock).
final class Lock: @unchecked Sendable {
    private let lock = NSLock()

    func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }
}
