import CommandSupport
import Foundation
import Hummingbird
import RunStore

/// `/api/tokens…`: admins list, add and revoke API tokens (as `ccts tokens` does).
struct TokenRoutes {
    let app: ServeApp

    struct TokenJSON: Encodable {
        var id: Int64, name: String, role: String, entity: String?, created: String, revoked: String?
        init(_ token: APIToken) {
            (id, name, role, entity, created, revoked) = (
                token.id, token.name, token.role.rawValue, token.entity, token.created, token.revoked
            )
        }
    }

    struct NewToken: Decodable {
        var name: String
        var role: String
        var entity: String?
    }

    func add(to router: RouteTable) {
        router.get("/api/tokens", role: .admin, to: "list tokens") { _, _ in
            struct Listing: Encodable { var tokens: [TokenJSON] }
            return try Reply.json(Listing(tokens: try app.store.tokens().map(TokenJSON.init)))
        }

        router.post("/api/tokens", role: .admin, to: "add tokens") { request, context in
            let body = try await app.decode(NewToken.self, from: request) { _ in
                (BodyFields(fields: ["name": nil, "role": nil, "entity": nil]), "a new token")
            }
            guard let role = APIToken.Role(rawValue: body.role) else {
                throw APIFailure.badRequest("role: expected admin, analyst or viewer, got \"\(body.role)\"")
            }
            // as the document states it: 1 to 100 characters (code points), not all white space
            guard body.name.unicodeScalars.contains(where: { !$0.properties.isWhitespace && $0 != "\u{FEFF}" }),
                body.name.unicodeScalars.count <= 100
            else {
                throw APIFailure.badRequest("name: expected 1 to 100 characters naming who holds the token")
            }
            if let entity = context.access.entity, body.entity != entity {
                throw APIFailure(
                    .forbidden, "an admin token bound to entity \(entity) adds tokens bound to that entity only")
            }
            let (token, secret) = try app.store.addToken(name: body.name, role: role, entity: body.entity)
            struct Added: Encodable { var token: TokenJSON, secret: String }
            return try Reply.json(Added(token: TokenJSON(token), secret: secret), status: .created)
        }

        router.delete("/api/tokens/{id}", role: .admin, to: "revoke tokens") { _, context in
            let id = try context.parameters.require("id", as: Int64.self)
            guard let token = try app.store.tokens().first(where: { $0.id == id }),
                context.access.entity == nil || token.entity == context.access.entity
            else {
                throw APIFailure.notFound("no token \(id); GET /api/tokens lists them")
            }
            guard id != context.access.tokenID else {
                throw APIFailure(
                    .conflict,
                    "token \(id) is the one making this request; revoke it with another admin token or ccts tokens "
                        + "revoke \(id)"
                )
            }
            if app.policy.exposed, token.revoked == nil, try app.store.tokens().filter({ $0.revoked == nil }).count == 1
            {
                throw APIFailure(
                    .conflict,
                    "token \(id) is the last token in force of a server listening beyond loopback; "
                        + "add another admin token first (revoking it would leave the server admitting nobody)")
            }
            try app.store.revokeToken(id)
            struct Revoked: Encodable { var revoked: Int64 }
            return try Reply.json(Revoked(revoked: id))
        }
    }
}
