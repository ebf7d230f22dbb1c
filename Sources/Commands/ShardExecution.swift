import CCTS
import CommandSupport
import Dispatch
import Foundation
import Workflows
import Reports
import RunStore
import Simulation
import Requests

/// `ccts run … --shard K/N`: pass 1 of one shard's worlds, stored for `ccts merge`.
///
/// A shard's `results` name the shard and the SHA-256 of its first pass, so `runs rerun` of a
/// shard recomputes it and says whether it came out identical.
enum ShardExecution {
    struct Results: Encodable {
        var shard: String
        var firstWorld: Int
        var worlds: Int
        var totalWorlds: Int
        var stateSha256: String
    }

    struct Inputs: Encodable {
        var scenarioFile: String
        var seed: UInt64
        var iterations: Int
    }

    static func run(
        _ request: RunRequest, _ mc: RunRequest.MonteCarlo, shard: ShardSpec, progress: ((Int, Int, Double) -> Void)?,
        elapsed: () -> Double
    ) throws -> RunProduct {
        let pass: RunWorkflow.ShardPass
        do {
            pass = try RunWorkflow.shard(request, mc, shard: shard, progress: progress)
        } catch let error as WorkflowError {
            throw CommandError(error.message)
        }
        let (session, state) = (pass.session, pass.state)
        let bytes = try state.encoded()
        let results = Results(
            shard: shard.description, firstWorld: state.firstWorld, worlds: state.worlds,
            totalWorlds: state.totalWorlds,
            stateSha256: SHA256.hex([UInt8](bytes)))
        let document = try OutputDocument(
            command: "run",
            inputs: Inputs(scenarioFile: request.scenario.name, seed: mc.seed, iterations: mc.iterations),
            results: results, warnings: session.warnings,
            timing: .init(seconds: elapsed(), threads: mc.threads)
        ).encoded()
        let last = state.firstWorld + state.worlds - 1
        let report = """
            Shard \(shard) of \(session.scenario.name): worlds\
             \(NumberFormat.grouped(Double(state.firstWorld)))–\(NumberFormat.grouped(Double(last))) \
            (\(NumberFormat.grouped(Double(state.worlds))) of \(NumberFormat.grouped(Double(mc.iterations)))), seed\
             \(mc.seed): first pass in \
            \(String(format: "%.2f", elapsed())) s.
            Merge the \(shard.count) shards' stores into the run one process makes: ccts merge SHARD.sqlite… --db\
             ccts.sqlite
            """
        var stored = RunResults(
            resultsJSON: try JSONText.encode(results), document: document, report: report,
            worldsEvaluated: state.worlds,
            wallSeconds: elapsed(), metrics: [])
        stored.tables = StoredTables.files(session.inputs.tables)
        stored.shard = ShardRow(
            index: shard.index, count: shard.count, firstWorld: state.firstWorld, worlds: state.worlds, state: bytes)
        return RunProduct(
            scenarioName: session.scenario.name, report: report, document: document, results: stored, computed: .shard)
    }
}
