import Foundation

/// Each aggregate's value in every world of one rule set, `[series][world]`, appended part after
/// part in world order: in memory, or in a temporary file, so that a comparison over any number of
/// worlds holds one part of them (the file is unlinked as soon as it is open: the system reclaims it
/// when the series go, even if the process is killed). Read back a chunk at a time, in world order.
///
/// Encoded (a shard's record) as the arrays themselves; decoded into memory.
public final class WorldSeries: Codable, @unchecked Sendable {
    /// Series held.
    public let count: Int
    /// Worlds appended so far.
    public private(set) var worlds = 0
    private var memory: [[Double]]
    private let descriptor: Int32?
    /// Where each appended part begins in the file (bytes), and its worlds.
    private var parts: [(offset: Int, worlds: Int)] = []

    /// Empty series; `spilled`: kept in a temporary file in `directory` (default the system's).
    public init(count: Int, spilled: Bool, directory: URL = FileManager.default.temporaryDirectory) throws {
        self.count = count
        memory = spilled ? [] : Array(repeating: [], count: count)
        guard spilled else {
            descriptor = nil
            return
        }
        let path = directory.appendingPathComponent("ccts-series-\(UUID().uuidString)").path
        let fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else {
            throw WorkflowError(
                "the comparison's worlds could not be kept in a temporary file in \(directory.path): "
                    + String(cString: strerror(errno)) + "; set TMPDIR to a folder with room")
        }
        unlink(path)
        descriptor = fd
    }

    /// Series held in memory as they are.
    public init(_ values: [[Double]]) {
        count = values.count
        worlds = values.first?.count ?? 0
        memory = values
        descriptor = nil
    }

    deinit { if let descriptor { close(descriptor) } }

    /// Appends the next worlds of every series (`part[k]`: series k's, all of one length).
    public func append(_ part: [[Double]]) throws {
        precondition(part.count == count && Set(part.map(\.count)).count <= 1)
        let length = part.first?.count ?? 0
        guard let descriptor else {
            for k in 0..<count { memory[k] += part[k] }
            worlds += length
            return
        }
        let offset = (parts.last.map { $0.offset + $0.worlds * count * 8 }) ?? 0
        for k in 0..<count {
            try part[k].withUnsafeBytes { bytes in
                try Self.write(descriptor, bytes, at: offset + k * length * 8)
            }
        }
        parts.append((offset, length))
        worlds += length
    }

    /// Calls `body` with series `k`'s values in world order, chunk after chunk, each with the world
    /// it begins at; with `minus`, the differences `self[k][w] − minus[k][w]` (same worlds, same parts).
    public func forEachChunk(
        _ k: Int, minus other: WorldSeries? = nil, _ body: (UnsafeBufferPointer<Double>, Int) throws -> Void
    ) throws {
        if other == nil, descriptor == nil {
            return try memory[k].withUnsafeBufferPointer { try body($0, 0) }
        }
        precondition(other.map { $0.partLengths == partLengths } ?? true, "series of other parts")
        var buffer: [Double] = [], subtrahend: [Double] = []
        var start = 0
        for (index, length) in partLengths.enumerated() {
            try read(k, part: index, into: &buffer)
            if let other {
                try other.read(k, part: index, into: &subtrahend)
                for i in 0..<length { buffer[i] -= subtrahend[i] }
            }
            try buffer.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[0..<length]), start) }
            start += length
        }
    }

    /// Series `k` whole, in world order.
    public func values(_ k: Int) throws -> [Double] {
        if descriptor == nil { return memory[k] }
        var all: [Double] = []
        all.reserveCapacity(worlds)
        try forEachChunk(k) { chunk, _ in all.append(contentsOf: chunk) }
        return all
    }

    /// The worlds of each part as appended (one part, all the worlds, in memory).
    private var partLengths: [Int] { descriptor == nil ? [worlds] : parts.map(\.worlds) }

    /// Series `k`'s values of part `index` into `buffer` (grown as needed; its first worlds hold them).
    private func read(_ k: Int, part index: Int, into buffer: inout [Double]) throws {
        guard let descriptor else {
            buffer = memory[k]
            return
        }
        let (offset, length) = parts[index]
        if buffer.count < length { buffer = [Double](repeating: 0, count: length) }
        try buffer.withUnsafeMutableBytes { bytes in
            try Self.read(
                descriptor, UnsafeMutableRawBufferPointer(rebasing: bytes[0..<(length * 8)]),
                at: offset + k * length * 8)
        }
    }

    private static func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, at offset: Int) throws {
        try transfer(bytes.count, "written") { done in
            pwrite(fd, bytes.baseAddress! + done, bytes.count - done, off_t(offset + done))
        }
    }

    private static func read(_ fd: Int32, _ bytes: UnsafeMutableRawBufferPointer, at offset: Int) throws {
        try transfer(bytes.count, "read back") { done in
            pread(fd, bytes.baseAddress! + done, bytes.count - done, off_t(offset + done))
        }
    }

    /// Calls `call` (a `pread` or `pwrite` from byte `done` on) until `count` bytes have moved.
    private static func transfer(_ count: Int, _ what: String, _ call: (Int) -> Int) throws {
        var done = 0
        while done < count {
            let n = call(done)
            guard n > 0 else { throw failure(what) }
            done += n
        }
    }

    private static func failure(_ what: String) -> WorkflowError {
        WorkflowError(
            "the comparison's worlds could not be \(what) in their temporary file: "
                + String(cString: strerror(errno)) + "; set TMPDIR to a folder with room")
    }

    // MARK: Codable: the arrays themselves

    public convenience init(from decoder: Decoder) throws {
        self.init(try decoder.singleValueContainer().decode([[Double]].self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(try (0..<count).map(values))
    }
}
