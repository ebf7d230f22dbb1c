import Foundation
import GRDB

/// The API tokens of `ccts serve`: who may read, submit and administer, kept as SHA-256 digests
/// (a token is shown once, when added; the store never holds it).
public struct APIToken: Sendable, Equatable {
    public enum Role: String, Sendable, CaseIterable {
        /// Reads runs, reports, factors and assumptions.
        case viewer
        /// Also submits runs and workflows, re-runs them, and deletes the runs it submitted.
        case analyst
        /// Also deletes any run and manages tokens.
        case admin

        /// Whether this role may do what `needed` may.
        public func includes(_ needed: Role) -> Bool { rank >= needed.rank }
        private var rank: Int { Role.allCases.firstIndex(of: self)! }
    }

    public var id: Int64
    public var name: String
    public var role: Role
    /// The entity registration the token is bound to: it sees and submits runs of that entity only.
    public var entity: String?
    public var created: String
    public var revoked: String?
}

extension RunStore {
    /// Adds a token and returns its record and its secret (`ccts_` and 64 hex digits of the system's
    /// random generator), the only time the secret exists outside its holder.
    public func addToken(name: String, role: APIToken.Role, entity: String?) throws -> (APIToken, secret: String) {
        var generator = SystemRandomNumberGenerator()
        let secret =
            "ccts_"
            + (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
        let created = Self.now()
        let id = try StoreError.naming(path) {
            try pool.write { db in
                try db.execute(
                    sql: "INSERT INTO api_token (name, role, entity, sha256, created) VALUES (?, ?, ?, ?, ?)",
                    arguments: [name, role.rawValue, entity, SHA256.hex(secret), created])
                return db.lastInsertedRowID
            }
        }
        return (APIToken(id: id, name: name, role: role, entity: entity, created: created, revoked: nil), secret)
    }

    /// Every token, revoked ones included, oldest first.
    public func tokens() throws -> [APIToken] {
        try readStore { db in try Row.fetchAll(db, sql: "SELECT * FROM api_token ORDER BY id").map(Self.token) }
    }

    /// Whether any token is in force (the server asks for one only then).
    public func hasActiveTokens() throws -> Bool {
        try readStore { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM api_token WHERE revoked IS NULL)") ?? false
        }
    }

    /// The token in force whose secret is `secret`, or nil (unknown or revoked).
    public func token(secret: String) throws -> APIToken? {
        try readStore { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM api_token WHERE sha256 = ? AND revoked IS NULL", arguments: [SHA256.hex(secret)]
            ).map(Self.token)
        }
    }

    /// Revokes token `id`: it no longer opens anything; its record and its runs stay.
    public func revokeToken(_ id: Int64) throws {
        try StoreError.naming(path) {
            try pool.write { db in
                guard
                    try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM api_token WHERE id = ?)", arguments: [id])
                        == true
                else {
                    throw StoreError(
                        path: path, message: "has no token \(id); 'ccts tokens list' shows the tokens it holds")
                }
                try db.execute(
                    sql: "UPDATE api_token SET revoked = coalesce(revoked, ?) WHERE id = ?",
                    arguments: [Self.now(), id])
            }
        }
    }

    static func token(_ row: Row) throws -> APIToken {
        APIToken(
            id: try row.decode(forColumn: "id"), name: try row.decode(forColumn: "name"),
            role: APIToken.Role(rawValue: try row.decode(forColumn: "role")) ?? .viewer,
            entity: try row.decode(forColumn: "entity"),
            created: try row.decode(forColumn: "created"), revoked: try row.decode(forColumn: "revoked"))
    }
}
