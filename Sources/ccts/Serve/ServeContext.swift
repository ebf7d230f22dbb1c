import Hummingbird
import RunStore

/// What a request may do: its token's role and entity (or the local admin of a server with no tokens).
struct Access: Sendable {
    /// The token, nil on a server whose store holds no token in force (every request is the local admin).
    var token: APIToken?

    var role: APIToken.Role { token?.role ?? .admin }
    var entity: String? { token?.entity }
    var tokenID: Int64? { token?.id }

    /// Refuses with 403 unless the role includes `needed`.
    func require(_ needed: APIToken.Role, to what: String) throws {
        guard role.includes(needed) else {
            throw APIFailure(.forbidden, "a \(role.rawValue) token cannot \(what); it needs the \(needed.rawValue) role (ccts tokens add --role \(needed.rawValue))")
        }
    }

    /// Whether this access sees run `run`: every run, or for a token bound to an entity, that entity's runs only.
    func sees(_ run: StoredRun) -> Bool {
        guard let entity else { return true }
        return run.entity == entity
    }
}

/// The request context of `ccts serve`: Hummingbird's core storage and the caller's access,
/// set by ``AuthMiddleware`` before any `/api` route runs.
struct ServeContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    var access = Access(token: nil)

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }
}

/// Reads the bearer token of `/api` requests: none needed while the store holds no token in force;
/// otherwise a missing, unknown or revoked token is a 401.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = ServeContext
    let store: RunStore

    func handle(_ request: Request, context: ServeContext, next: (Request, ServeContext) async throws -> Response) async throws -> Response {
        guard request.uri.path.hasPrefix("/api/") else { return try await next(request, context) }
        guard try store.hasActiveTokens() else { return try await next(request, context) }
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else {
            throw APIFailure(.unauthorized, "this server needs an API token: send 'Authorization: Bearer TOKEN' (an admin adds one with ccts tokens add)")
        }
        guard let token = try store.token(secret: String(header.dropFirst("Bearer ".count)).trimmingCharacters(in: .whitespaces)) else {
            throw APIFailure(.unauthorized, "the API token is unknown or revoked")
        }
        var context = context
        context.access = Access(token: token)
        return try await next(request, context)
    }
}
