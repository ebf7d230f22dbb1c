import Foundation
import Loading
import Reports
import RunStore
import Workflows

/// A workflow's request as the store keeps it: one file of role `request` beside the texts it
/// names, so that `runs rerun`, `ccts report` and `ccts merge` compute from the request through the
/// library, in this process, instead of reading a stored command line again.
enum StoredRequest {
    /// The stored file's name.
    static let name = "ccts-request.json"

    /// What a `compare` run keeps: what to compute, and how its text was laid out.
    struct Compare: Codable {
        var workflow = "compare"
        var request: CompareRequest
        var display: CompareOutput.Display
    }

    static func compare(_ request: CompareRequest, display: CompareOutput.Display) throws -> StoredFile {
        StoredFile(role: .request, name: name, text: try JSONText.encode(Compare(request: request, display: display)))
    }

    /// The compare request stored among `files` (nil when the run kept none: an older ccts stored
    /// it, or it is not a compare).
    static func compare(in files: [StoredFile]) throws -> Compare? {
        guard let file = files.first(where: { $0.role == .request }) else { return nil }
        let kept = try JSONText.decode(Compare.self, from: file.text)
        return kept.workflow == "compare" ? kept : nil
    }

    /// The texts a stored run read, as a workflow's inputs: its files by name, its rules in order,
    /// its tables from the store.
    static func inputs(_ files: [StoredFile]) -> WorkflowInputs {
        WorkflowInputs(
            files: files.filter { [.scenario, .reform, .measures].contains($0.role) }.map {
                SourceFile(name: $0.name, text: $0.text)
            },
            ruleFiles: files.filter { $0.role == .rule }.map { SourceFile(name: $0.name, text: $0.text) },
            tables: .stored(StoredTables.map(files)))
    }
}
