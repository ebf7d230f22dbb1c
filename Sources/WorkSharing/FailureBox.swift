import Foundation

/// The first error any thread met.
public final class FailureBox: @unchecked Sendable {
    private let lock = Lock()
    private var error: Error?
    private var chunk = Int.max

    public init() {}

    /// Keeps the error of the lowest chunk (or, without chunks, the first recorded).
    public func record(_ error: Error, chunk: Int = Int.max) {
        lock.locked {
            if self.error == nil || chunk < self.chunk { (self.error, self.chunk) = (error, chunk) }
        }
    }

    /// Whether a chunk below `chunk` has failed: `chunk` need not be evaluated.
    public func failed(after chunk: Int) -> Bool { lock.locked { error != nil && self.chunk < chunk } }

    public var first: Error? { lock.locked { error } }
}
