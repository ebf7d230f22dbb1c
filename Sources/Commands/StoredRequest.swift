import CommandSupport
import Foundation
import Loading
import Reports
import RunStore
import Workflows
import Requests

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

    /// What a `pathway` run keeps: what to compute (its text has no layout options).
    struct Pathway: Codable {
        var workflow = "pathway"
        var request: PathwayRequest
    }

    /// What a `plan` run keeps: what to compute.
    struct Plan: Codable {
        var workflow = "plan"
        var request: PlanRequest
    }

    /// Which workflow a stored request is for.
    private struct Kind: Codable { var workflow: String }

    static func compare(_ request: CompareRequest, display: CompareOutput.Display) throws -> StoredFile {
        StoredFile(role: .request, name: name, text: try JSONText.encode(Compare(request: request, display: display)))
    }

    static func plan(_ request: PlanRequest) throws -> StoredFile {
        StoredFile(role: .request, name: name, text: try JSONText.encode(Plan(request: request)))
    }

    static func pathway(_ request: PathwayRequest) throws -> StoredFile {
        StoredFile(role: .request, name: name, text: try JSONText.encode(Pathway(request: request)))
    }

    /// The compare request stored among `files` (nil when the run kept none: an older ccts stored
    /// it, or it is not a compare).
    static func compare(in files: [StoredFile]) throws -> Compare? {
        try kept(in: files, workflow: "compare")
    }

    /// The pathway request stored among `files` (nil when the run kept none, or it is not a pathway).
    static func pathway(in files: [StoredFile]) throws -> Pathway? {
        try kept(in: files, workflow: "pathway")
    }

    /// The plan request stored among `files` (nil when the run kept none, or it is not a plan).
    static func plan(in files: [StoredFile]) throws -> Plan? {
        try kept(in: files, workflow: "plan")
    }

    private static func kept<T: Decodable>(in files: [StoredFile], workflow: String) throws -> T? {
        guard let file = files.first(where: { $0.role == .request }) else { return nil }
        func unreadable(_ what: String, _ error: Error) -> CommandError {
            CommandError(
                "\(file.name): the stored request cannot be read as \(what) (\(error)); a request this ccts "
                    + "stored reads back, so the store was edited or made by another ccts")
        }
        let kind: Kind
        do { kind = try JSONText.decode(Kind.self, from: file.text) } catch { throw unreadable("a request", error) }
        guard kind.workflow == workflow else { return nil }
        do { return try JSONText.decode(T.self, from: file.text) } catch {
            throw unreadable("a \(workflow) request", error)
        }
    }

    /// `files` with the stored request replaced by `file`.
    static func replacing(with file: StoredFile, in files: [StoredFile]) -> [StoredFile] {
        files.filter { $0.role != .request } + [file]
    }

    /// The texts a stored run read, as a workflow's inputs: its files by name, its rules in order,
    /// its tables from the store.
    static func inputs(_ files: [StoredFile]) throws -> WorkflowInputs {
        WorkflowInputs(
            files: files.filter { [.scenario, .reform, .measures].contains($0.role) }.map {
                SourceFile(name: $0.name, text: $0.text)
            },
            ruleFiles: files.filter { $0.role == .rule }.map { SourceFile(name: $0.name, text: $0.text) },
            tables: .stored(StoredTables.map(files)), marketPrices: try MarketPriceFile.read(files))
    }
}
