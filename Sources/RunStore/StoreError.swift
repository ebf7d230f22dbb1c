/// Why a store cannot be used, said so a person can act on it.
public struct StoreError: Error, CustomStringConvertible, Equatable {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}

import GRDB

extension StoreError {
    /// An SQLite failure in the user's terms: which store, what happened, what to do.
    static func describing(_ error: DatabaseError, path: String) -> StoreError {
        switch error.resultCode {
        case .SQLITE_NOTADB:
            return StoreError(
                path: path,
                message: "is not a SQLite database; ccts leaves it untouched — choose another file with --db")
        case .SQLITE_FULL:
            return StoreError(
                path: path,
                message:
                    "the disk holding the store is full; free some space, or name a store on another disk with --db")
        case .SQLITE_CANTOPEN:
            return StoreError(
                path: path,
                message:
                    "cannot be opened: its folder does not exist or cannot be written; create the folder, or name "
                    + "another store with --db"
            )
        case .SQLITE_READONLY:
            return StoreError(
                path: path,
                message:
                    "is read-only; commands that record runs need a store they can write: name one with --db (or use "
                    + "--no-store)"
            )
        case .SQLITE_CORRUPT:
            return StoreError(
                path: path,
                message: "is damaged (SQLite reports corruption); keep a copy, and name a new store with --db")
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return StoreError(path: path, message: "is busy: another process held it for more than 30 s; try again")
        default:
            return StoreError(path: path, message: "SQLite failed: \(error.message ?? "\(error.resultCode)")")
        }
    }

    /// Runs `body`, turning an SQLite error into a ``StoreError`` that names the store.
    static func naming<T>(_ path: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw describing(error, path: path)
        } catch let error as RowDecodingError {
            // A value of the wrong kind where the store's schema wants another: damaged or edited.
            throw StoreError(path: path, message: "is damaged: \(column(of: error)) holds a value of the wrong kind")
        }
    }

    /// "column factor_uncertainty" from GRDB's decoding error (whose text carries the whole row).
    static func column(of error: RowDecodingError) -> String {
        let text = "\(error)"
        guard let start = text.range(of: "column: \""), let end = text[start.upperBound...].firstIndex(of: "\"") else {
            return "a column"
        }
        return "column \(text[start.upperBound..<end])"
    }
}
