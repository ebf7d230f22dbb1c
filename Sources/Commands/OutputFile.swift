import CommandSupport
import Foundation

/// Writing what a command produces, with file-system failures in the user's terms: the path,
/// what went wrong, and what to do (never a Foundation error domain and code).
enum OutputFile {
    /// Writes `data` to `path` atomically. `createFolder` makes missing folders first (for
    /// commands that write trees); otherwise a missing folder is the user's to create.
    static func write(_ data: Data, to path: String, createFolder: Bool = false) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        if createFolder { try makeFolder(folder.path) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue
        else {
            throw CommandError(
                "cannot write \(path): the folder \(folder.path) does not exist; create it first, or name another path")
        }
        guard FileManager.default.isWritableFile(atPath: folder.path) else {
            throw CommandError(
                "cannot write \(path): the folder \(folder.path) is not writable by you; name another path")
        }
        do {
            try data.write(to: url, options: .atomic)
        } catch {
            throw CommandError(
                "cannot write \(path) (\(reason(error))); check the disk has space and the path is a file, not a folder"
            )
        }
    }

    static func write(_ text: String, to path: String, createFolder: Bool = false) throws {
        try write(Data(text.utf8), to: path, createFolder: createFolder)
    }

    /// Creates `path` and its parents, or says why it cannot.
    static func makeFolder(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw CommandError(
                "cannot create the folder \(path) (\(reason(error))); check a file of that name is not in the way and "
                    + "you may write there"
            )
        }
    }

    /// The operating system's words for a failure, without Foundation's domain and code.
    private static func reason(_ error: Error) -> String {
        if let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError,
            underlying.domain == NSPOSIXErrorDomain
        {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if (error as NSError).domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32((error as NSError).code)))
        }
        return "the system refused"
    }
}
