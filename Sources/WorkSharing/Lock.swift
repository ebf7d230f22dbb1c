import Foundation

/// A lock with a closure API (Foundation's NSLock).
public final class Lock: @unchecked Sendable {
    private let lock = NSLock()

    public init() {}

    public func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }
}
