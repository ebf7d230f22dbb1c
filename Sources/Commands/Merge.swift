import ArgumentParser
import CommandSupport
import Foundation
import RunStore
import Simulation
import Workflows

/// `ccts merge SHARD.sqlite…`: the shards of a Monte Carlo run (`ccts run … --shard K/N`), each in
/// its own store, joined into the run one process makes — the same `results` to the byte.
///
/// The shards must be one run: the same files (by SHA-256) and settings, seed, worlds and shard
/// count; every shard once. Their first passes join exactly; the later passes of the statistics
/// (the exact percentiles' second look, the standard deviation) run here, drawing the worlds
/// again in bounded memory. The merged run is stored as an ordinary Monte Carlo run: `runs rerun`
/// re-runs it in one process, `ccts report` pages it.
struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract:
            "Join the shard stores of a Monte Carlo run (ccts run … --shard K/N) into the run one process makes.")

    @Argument(help: ArgumentHelp("The shards' stores, one per shard, in any order.", valueName: "shard.sqlite"))
    var shards: [String]

    @OptionGroup var storeOptions: StoreOptions

    @Option(name: .long, help: "Worker threads for the later passes (default: all cores). Results do not depend on it.")
    var threads = ProcessInfo.processInfo.activeProcessorCount

    @Flag(
        name: .customLong("keep-worlds"),
        help: "Keep one row per world and year of the merged run in the store (drawn again).")
    var keepWorlds = false

    @Flag(name: .long, help: "Print the merged run's JSON document.")
    var json = false

    func validate() throws {
        guard !shards.isEmpty else {
            throw ValidationError("give the stores of every shard of the run, e.g. ccts merge shards/shard-*.sqlite")
        }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
    }

    /// One shard's store, its shard run and what identifies the run it belongs to.
    struct Found {
        var path: String
        var store: RunStore
        var id: Int64
        var run: StoredRun
        var shard: ShardRow
        var manifest: String?
    }

    func run() throws {
        try reportingErrors {
            let found = try shards.map(read)
            try checkOneRun(found)
            let first = found[0]
            switch first.run.command.first {
            case "compare":
                emit(try CompareShard.merge(found, into: storeOptions, json: json))
                return
            case "pathway":
                emit(try PathwayShard.merge(found, into: storeOptions, json: json))
                return
            default: break
            }
            let states = try found.map { shard in
                do { return try ShardState.decoded(shard.shard.state) } catch {
                    throw CommandError(
                        "\(shard.path): its shard \(shard.shard.index)/\(shard.shard.count) holds an unreadable first "
                            + "pass; compute it again"
                    )
                }
            }
            var request = try RunRequest.from(
                stored: first.run, files: try first.store.files(first.id), settings: try first.store.settings(first.id))
            request.shard = nil
            request.mergedShards = states
            request.keepWorlds = keepWorlds
            request.monteCarlo?.threads = threads
            let (product, id) = try StoredExecution.run(
                request, command: ["merge"] + shards, store: storeOptions.open())
            emit(
                json
                    ? product.document
                    : product.report
                        + (id.map { "\n\nMerged \(found.count) shards; stored as run \($0) in \(storeOptions.path)." }
                            ?? ""))
        }
    }

    private func read(_ path: String) throws -> Found {
        guard FileManager.default.fileExists(atPath: path) else { throw CommandError("\(path): no such shard store") }
        let store = try RunStore(readingAt: path)
        // the shard run itself, not its re-runs (`runs rerun` stores those beside it)
        let ids = try store.shardRuns().filter { try store.run($0).rerunOf == nil }
        guard ids.count == 1, let id = ids.first, let shard = try store.shard(id) else {
            throw CommandError(
                ids.isEmpty
                    ? "\(path) holds no completed shard run (made by ccts run … --shard K/N --db \(path))"
                    : "\(path) holds \(ids.count) shard runs; give each shard its own store")
        }
        // Every stored text is checked against its recorded SHA-256, and the texts and settings
        // against the run's manifest, before the merge reads any of them.
        guard try store.verifyInputs(id) else {
            throw CommandError(
                "\(path): shard run \(id) records no SHA-256 of its inputs; it cannot be checked, so it is not merged")
        }
        let run = try store.run(id)
        // The shard's numbers within what a shard can be, before anything counts on them.
        let total = run.iterations ?? 0
        guard shard.count >= 1, (0..<shard.count).contains(shard.index), shard.firstWorld >= 0, shard.worlds >= 0,
            shard.firstWorld <= total - shard.worlds
        else {
            throw CommandError(
                "\(path): its shard record is damaged (shard \(shard.index) of \(shard.count), worlds "
                    + "\(shard.firstWorld) "
                    + "and \(shard.worlds) on from there, of \(total)); compute the shard again")
        }
        try Self.checkState(shard, of: run, path: path)
        return Found(path: path, store: store, id: id, run: run, shard: shard, manifest: try store.inputsSHA256(id))
    }

    /// The shard's first pass against the SHA-256 its run recorded when it computed it (every
    /// shard kind records `state_sha256` in its results), and those results against their own
    /// recorded digest: a flipped byte anywhere in either is refused, naming the store.
    static func checkState(_ shard: ShardRow, of run: StoredRun, path: String) throws {
        struct Recorded: Decodable { var stateSha256: String }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let what = "\(path): its shard \(shard.index)/\(shard.count)"
        guard run.resultsIntact != false else {
            throw CommandError("\(what)'s results differ from the SHA-256 recorded when it completed; compute it again")
        }
        guard let results = run.resultsJSON,
            let recorded = try? decoder.decode(Recorded.self, from: Data(results.utf8)).stateSha256
        else {
            throw CommandError(
                "\(what) records no SHA-256 of its first pass; it cannot be checked, so it is not merged")
        }
        guard SHA256.hex([UInt8](shard.state)) == recorded else {
            throw CommandError(
                "\(what)'s first pass differs from the SHA-256 recorded when it was computed (the store is damaged "
                    + "or edited); compute the shard again")
        }
    }

    /// A stored command without its `--shard` and `--db` (and their values): the command one process runs.
    static func withoutShardOptions(_ command: [String]) -> [String] {
        var kept: [String] = [], skip = false
        for word in command {
            if skip { skip = false; continue }
            if word == "--shard" || word == "--db" { skip = true; continue }
            if word.hasPrefix("--shard=") || word.hasPrefix("--db=") { continue }
            kept.append(word)
        }
        return kept
    }

    /// Refuses shards that are not one run, and a run with shards missing or given twice.
    private func checkOneRun(_ found: [Found]) throws {
        let first = found[0]
        func same(_ shard: Found, _ what: String, _ a: String, _ b: String) throws {
            guard a == b else {
                throw CommandError(
                    "\(shard.path) belongs to another run than \(first.path): its \(what) is \(a), not \(b)")
            }
        }
        for shard in found.dropFirst() {
            try same(
                shard, "inputs' SHA-256 (files and --set values)", shard.manifest ?? "unrecorded",
                first.manifest ?? "unrecorded")
            try same(shard, "seed", "\(shard.run.seed ?? 0)", "\(first.run.seed ?? 0)")
            try same(shard, "number of worlds", "\(shard.run.iterations ?? 0)", "\(first.run.iterations ?? 0)")
            try same(shard, "--factor-uncertainty", "\(shard.run.factorUncertainty)", "\(first.run.factorUncertainty)")
            try same(shard, "--strict", "\(shard.run.strict)", "\(first.run.strict)")
            try same(shard, "shard count", "\(shard.shard.count)", "\(first.shard.count)")
            try same(shard, "engine version", shard.run.engineVersion, first.run.engineVersion)
        }
        let count = first.shard.count
        var byIndex: [Int: String] = [:]
        for shard in found {
            if let earlier = byIndex[shard.shard.index] {
                throw CommandError("shard \(shard.shard.index)/\(count) is given twice (\(earlier) and \(shard.path))")
            }
            byIndex[shard.shard.index] = shard.path
        }
        let missing = (0..<count).filter { byIndex[$0] == nil }
        guard missing.isEmpty else {
            throw CommandError(
                "the run has \(count) shards; missing: " + missing.map { "\($0)/\(count)" }.joined(separator: ", ")
                    + " (given: "
                    + byIndex.keys.sorted().map { "\($0)/\(count) in \(byIndex[$0]!)" }.joined(separator: ", ")
                    + ")")
        }
    }
}
