import CommandSupport
import Hummingbird
import RunStore

/// The router of `ccts serve` and the list of what it serves (method, path template as in the
/// OpenAPI document, and the role each operation needs), filled as routes are added and read only
/// after the server starts: the tests compare it with /openapi.json both ways, and a known path
/// asked with another method is a 405 naming the methods it takes.
///
/// Authorisation is decided here, once per operation: a route is added with the least role it
/// needs (nil only for the run browser's own files and the OpenAPI document), and its handler
/// runs only after that role has been checked. ``AuthMiddleware`` asks ``isPublic(_:_:)`` of the
/// canonical path the router matches, never of a raw prefix: an operation that is not public
/// needs a token whenever the store holds one.
final class RouteTable: @unchecked Sendable {
    let router = Router(context: ServeContext.self)

    /// One operation: method (lower case), path template, the role it needs (nil: public) and what
    /// it does, in the words of a refusal ("submit jobs").
    struct Operation {
        var method: String
        var path: String
        var role: APIToken.Role?
        var purpose: String
    }

    private(set) var operations: [Operation] = []

    typealias Handler = @Sendable (Request, ServeContext) async throws -> Response

    func get(_ path: String, role: APIToken.Role?, to purpose: String, _ handler: @escaping Handler) {
        add(.get, path, role, purpose, handler)
    }

    func post(_ path: String, role: APIToken.Role, to purpose: String, _ handler: @escaping Handler) {
        add(.post, path, role, purpose, handler)
    }

    func delete(_ path: String, role: APIToken.Role, to purpose: String, _ handler: @escaping Handler) {
        add(.delete, path, role, purpose, handler)
    }

    private func add(
        _ method: HTTPRequest.Method, _ path: String, _ role: APIToken.Role?, _ purpose: String,
        _ handler: @escaping Handler
    ) {
        operations.append(Operation(method: method.rawValue.lowercased(), path: path, role: role, purpose: purpose))
        router.on(RouterPath(path), method: method) { request, context in
            if let role { try context.access.require(role, to: purpose) }
            return try await handler(request, context)
        }
    }

    /// The operations whose template matches `requestPath` (`/api/runs/7` matches `/api/runs/{id}`).
    func matching(_ requestPath: String) -> [Operation] {
        let parts = requestPath.split(separator: "/", omittingEmptySubsequences: false)
        return operations.filter { operation in
            let template = operation.path.split(separator: "/", omittingEmptySubsequences: false)
            return template.count == parts.count && zip(template, parts).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
        }
    }

    /// The methods served at the path of `requestPath`, upper case.
    func methods(at requestPath: String) -> [String] { matching(requestPath).map { $0.method.uppercased() } }

    /// Whether `method` at the canonical `path` is one of the operations that need no token (the
    /// page and the document). Anything else — an unknown path included — goes through the token check.
    func isPublic(_ method: HTTPRequest.Method, _ path: String) -> Bool {
        let asked = method == .head ? "get" : method.rawValue.lowercased()
        return matching(path).contains { $0.method == asked && $0.role == nil }
    }
}
