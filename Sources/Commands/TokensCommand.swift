import ArgumentParser
import CommandSupport
import Foundation
import Reports
import RunStore

/// `ccts tokens …`: the API tokens of `ccts serve`, kept hashed in the run store.
struct TokensCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokens",
        abstract: "Add, list and revoke the API tokens of ccts serve (kept as SHA-256 digests in the store).",
        subcommands: [Add.self, List.self, Revoke.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Add a token and print it (the only time it is shown).")
        @OptionGroup var store: StoreOptions
        @Option(
            name: .long,
            help: "admin (manages tokens, deletes any run), analyst (submits, deletes its own runs) or viewer (reads).")
        var role: String
        @Option(name: .long, help: "Who holds the token.") var name: String
        @Option(
            name: .long,
            help: ArgumentHelp(
                "Bind the token to one entity: it sees and submits that registration's runs only.",
                valueName: "registration"))
        var entity: String?
        @Flag(name: .long, help: "Print JSON.") var json = false

        func validate() throws {
            guard APIToken.Role(rawValue: role) != nil else {
                throw ValidationError("--role must be admin, analyst or viewer, not \"\(role)\"")
            }
            guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw ValidationError("--name must name who holds the token")
            }
        }

        func run() throws {
            try reportingErrors {
                let (token, secret) = try store.open().addToken(
                    name: name, role: APIToken.Role(rawValue: role)!, entity: entity)
                if json {
                    struct Added: Encodable { var id: Int64, role: String, entity: String?, secret: String }
                    return emit(
                        try JSONText.encode(
                            Added(id: token.id, role: token.role.rawValue, entity: token.entity, secret: secret)))
                }
                emit(
                    """
                    Token \(token.id) (\(token.role.rawValue)\(token.entity.map { ", entity \($0)" } ?? "")) for\
                     \(token.name):
                    \(secret)
                    Keep it now: the store holds only its SHA-256. Send it as 'Authorization: Bearer TOKEN'.
                    """)
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List the tokens (never their secrets).")
        @OptionGroup var store: StoreOptions

        func run() throws {
            try reportingErrors {
                let tokens = try store.openForReading().tokens()
                guard !tokens.isEmpty else {
                    return emit("No tokens in \(store.path): ccts serve lets every request act as the local admin.")
                }
                var table = TextTable(
                    header: ["id", "name", "role", "entity", "created", "revoked"], rightAligned: [0])
                for token in tokens {
                    table.add([
                        String(token.id), token.name, token.role.rawValue, token.entity ?? "", token.created,
                        token.revoked ?? "",
                    ])
                }
                emit(table.render())
            }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "revoke", abstract: "Revoke a token: it opens nothing from now on.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Token id (ccts tokens list).") var id: Int64

        func run() throws {
            try reportingErrors {
                try store.open().revokeToken(id)
                emit("Revoked token \(id).")
            }
        }
    }
}
