import CommandSupport
import Foundation
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
            throw APIFailure(
                .forbidden,
                "\(role.article) \(role.rawValue) token cannot \(what); it needs the \(needed.rawValue) role "
                    + "(ccts tokens add --role \(needed.rawValue))")
        }
    }

    /// Whether this access sees run `run`: every run, or for a token bound to an entity, that
    /// entity's runs and the runs its own jobs made (a run that failed before its entity was known included).
    func sees(_ run: StoredRun, submittedBy submitter: Int64?) -> Bool {
        guard let entity else { return true }
        return run.entity == entity || (submitter != nil && submitter == tokenID)
    }
}

extension APIToken.Role {
    /// "a viewer", "an admin", "an analyst".
    var article: String { self == .viewer ? "a" : "an" }
}

/// What the access log learns while a request goes through the layers inside it (contexts are
/// values; this one reference is shared by every copy of one request's context).
final class RequestNote: @unchecked Sendable {
    private let lock = NSLock()
    private var token: Int64?
    var tokenID: Int64? {
        get { lock.withLock { token } }
        set { lock.withLock { token = newValue } }
    }
}

/// The request context of `ccts serve`: Hummingbird's core storage, the client's address and the
/// caller's access, set by ``AuthMiddleware`` before any route that needs a role runs.
struct ServeContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    var access = Access(token: nil)
    let note = RequestNote()
    /// The client's IP address, for the access log.
    let client: String

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        client = source.channel.remoteAddress?.ipAddress ?? "-"
    }
}

/// Reads the bearer token of every request that is not one of the public operations (the page and
/// the document, as ``RouteTable`` records them) — deny by default: an unknown path, any method on
/// it and any spelling the guard let through needs the token too. No token is needed only while
/// the store holds none in force and the server may be open (loopback, or --insecure-no-tokens).
struct AuthMiddleware: RouterMiddleware {
    typealias Context = ServeContext
    let store: RunStore
    let routes: RouteTable
    let policy: ServePolicy

    func handle(_ request: Request, context: ServeContext, next: (Request, ServeContext) async throws -> Response)
        async throws -> Response
    {
        if routes.isPublic(request.method, request.uri.path) { return try await next(request, context) }
        guard let header = request.headers[.authorization] else {
            guard try store.hasActiveTokens() else {
                guard policy.openWithoutTokens else {
                    throw APIFailure(
                        .unauthorized,
                        "this server listens beyond loopback and its store holds no API token in force, "
                            + "so it admits nobody; its operator adds one with ccts tokens add --role admin --name NAME"
                    )
                }
                return try await next(request, context)
            }
            throw APIFailure(
                .unauthorized,
                "this server needs an API token: send 'Authorization: Bearer TOKEN' "
                    + "(an admin adds one with ccts tokens add)")
        }
        guard header.hasPrefix("Bearer "),
            let token = try store.token(
                secret: String(header.dropFirst("Bearer ".count)).trimmingCharacters(in: .whitespaces))
        else {
            throw APIFailure(.unauthorized, "the API token is unknown or revoked")
        }
        var context = context
        context.access = Access(token: token)
        context.note.tokenID = token.id
        return try await next(request, context)
    }
}
