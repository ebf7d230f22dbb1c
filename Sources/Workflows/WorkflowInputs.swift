import CCTS
import Foundation
import Loading
import LuaSandbox

/// The texts a workflow request names: read from disk on the command line, or a stored run's
/// files when it is re-run or merged, so that both compute from the same request the same way.
public struct WorkflowInputs {
    /// Files by the name the request gives them (the path as the user wrote it).
    public var files: [String: SourceFile]
    /// The rule files, in load order (the built-in set, or a `--rules` folder's).
    public var ruleFiles: [SourceFile]
    /// Where the tables the files name are read: beside them on disk, or a stored run's.
    public var tables: TableFiles.Source
    /// A market run's prices (`--prices-from`), which price every year it cleared.
    public var marketPrices: MarketPrices?

    public init(
        files: [SourceFile], ruleFiles: [SourceFile], tables: TableFiles.Source, marketPrices: MarketPrices? = nil
    ) {
        self.files = Dictionary(files.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.ruleFiles = ruleFiles
        self.tables = tables
        self.marketPrices = marketPrices
    }

    /// Reads `names` and the rules (`rules`: a folder, nil for the built-in set) from disk.
    public static func disk(_ names: [String], rules: String?, marketPrices: MarketPrices? = nil) throws
        -> WorkflowInputs
    {
        WorkflowInputs(
            files: try names.map(SourceFile.read),
            ruleFiles: try (rules.map(RuleSource.directory) ?? .builtIn).files(), tables: .disk,
            marketPrices: marketPrices)
    }

    /// The file the request calls `name`.
    /// - Throws: ``InputError`` when the inputs do not hold it (a stored run missing a file).
    public func file(_ name: String) throws -> SourceFile {
        guard let file = files[name] else {
            throw InputError(
                file: name, path: "", message: "is not among the inputs given",
                suggestion: "a stored run keeps every file it read; was it stored by an older ccts?")
        }
        return file
    }
}

/// How long loading may take before the process is stopped: the command layer's watchdog (a
/// Lua C call the instruction hook cannot interrupt is stopped by time), or none in a library
/// caller that has its own.
public protocol LoadTimeLimit {
    func limit<T>(seconds: Double, what: String, _ body: () throws -> T) throws -> T
}

/// No limit beyond the Lua budget's own clock.
public struct NoLoadTimeLimit: LoadTimeLimit {
    public init() {}
    public func limit<T>(seconds: Double, what: String, _ body: () throws -> T) throws -> T { try body() }
}
