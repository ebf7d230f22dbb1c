import ArgumentParser
import CommandSupport
import Foundation
import RunStore
import Workflows

/// Runs a request with its record in the store: `running` first, then results and `completed`
/// in one transaction, or `failed` with the error.
enum StoredExecution {
    static func run(
        _ request: RunRequest, command: [String], store: RunStore?, rerunOf: Int64? = nil,
        progress: ((Int, Int, Double) -> Void)? = nil
    ) throws -> (product: RunProduct, id: Int64?) {
        guard let store else { return (try RunExecution.execute(request, progress: progress), nil) }
        // The scenario's own name is known once it is loaded; until then the run is listed by its file.
        let (product, id) = try store.record(
            request.record(command: command, scenarioName: request.scenario.name, rerunOf: rerunOf),
            started: { Watchdog.recordFailure(in: store, run: $0) }
        ) {
            let product = try RunExecution.execute(request, progress: progress)
            return (product, product.results, product.scenarioName)
        }
        return (product, id)
    }
}
