import Dispatch
import Synchronization

/// Work shared among threads job by job.
public enum Parallel {
    /// Runs `job` for 0..<jobs on up to `threads` threads; each thread takes the next job not yet
    /// taken, so that a long job on one thread does not leave the other idle behind a fixed share.
    /// Which thread runs a job must not matter: every job writes only its own results.
    public static func jobs(_ jobs: Int, threads: Int, _ job: (Int) -> Void) {
        Self.jobs(jobs, threads: threads) { j, _ in job(j) }
    }

    /// As ``jobs(_:threads:_:)-swift.type.method``, telling each job its lane (0..<threads): a lane
    /// runs one job at a time, so a job may use what belongs to its lane (a plan and its scratch).
    public static func jobs(_ jobs: Int, threads: Int, _ job: (_ job: Int, _ lane: Int) -> Void) {
        let lanes = Swift.max(1, Swift.min(threads, jobs))
        guard lanes > 1 else {
            for j in 0..<jobs { job(j, 0) }
            return
        }
        let next = Atomic<Int>(0)
        withoutActuallyEscaping(job) { job in
            nonisolated(unsafe) let job = job
            DispatchQueue.concurrentPerform(iterations: lanes) { lane in
                while true {
                    let j = next.add(1, ordering: .relaxed).oldValue
                    guard j < jobs else { return }
                    job(j, lane)
                }
            }
        }
    }
}

extension Parallel {
    /// `body(i)` for 0..<count on all cores, in order: each element is computed alone, so the
    /// result does not depend on the threads.
    public static func map(_ count: Int, _ body: (Int) -> Double) -> [Double] {
        [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            let base = buffer.baseAddress, chunks = Swift.max(1, Swift.min(16, count / 1_024))
            nonisolated(unsafe) let out = base
            jobs(chunks, threads: chunks) { c in
                for i in (c * count / chunks)..<((c + 1) * count / chunks) { (out! + i).initialize(to: body(i)) }
            }
            initialized = count
        }
    }
}
