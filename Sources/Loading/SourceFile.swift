import CCTS
import Foundation

/// The text of one rule, reform or scenario file, and the name errors give it.
public struct SourceFile: Sendable, Equatable {
    /// The path as the user wrote it (or `default/<name>` for built-in rules).
    public var name: String
    public var text: String
    /// Where it was read on disk, when it was (a re-run's copy is read under its original name,
    /// from its copy's place); tables it names are looked for beside it.
    public var path: String? = nil

    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }

    /// Reads a UTF-8 file.
    /// - Throws: ``InputError`` naming the path when it cannot be read.
    public static func read(_ path: String) throws -> SourceFile {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError(
                file: path, path: "", message: "no such file (looked in \(FileManager.default.currentDirectoryPath))",
                suggestion: path.hasPrefix("Scenarios/")
                    ? "the shipped examples are written out by: ccts examples copy DIR" : "check the path")
        }
        guard !isDirectory.boolValue else {
            throw InputError(file: path, path: "", message: "is a directory; expected a .lua file")
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else {
            throw InputError(file: path, path: "", message: "cannot be read as UTF-8 text")
        }
        var file = SourceFile(name: storedNames[path] ?? path, text: text)
        file.path = path
        return file
    }

    /// A stored run re-run from copies of its files (`runs rerun`, `ccts report` of a workflow)
    /// reads each copy under the name the run first read it by, so every name the run prints or
    /// derives (an unnamed scenario is named by its file) is the same. The re-running process
    /// sets `CCTS_RERUN_NAMES`: lines of `copy<TAB>original`.
    static let storedNames: [String: String] = {
        guard let text = ProcessInfo.processInfo.environment[rerunNamesVariable] else { return [:] }
        var names: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "\t", maxSplits: 1)
            if parts.count == 2 { names[String(parts[0])] = String(parts[1]) }
        }
        return names
    }()

    public static let rerunNamesVariable = "CCTS_RERUN_NAMES"

    /// The `.lua` files of a directory, sorted by name.
    public static func directory(_ path: String) throws -> [SourceFile] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InputError(
                file: path, path: "", message: "no such directory; --rules expects a folder of .lua rule files",
                suggestion: "write the built-in set out with 'ccts rules export DIR' and edit it")
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".lua") }.sorted()
        guard !names.isEmpty else {
            throw InputError(file: path, path: "", message: "holds no .lua rule files")
        }
        return try names.map { try read((path as NSString).appendingPathComponent($0)) }
    }
}
