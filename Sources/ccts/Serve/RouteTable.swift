import Hummingbird

/// The router of `ccts serve` and the list of what it serves (method, path template as in the
/// OpenAPI document), filled as routes are added and read only after the server starts: the
/// tests compare it with /openapi.json both ways, and a known path asked with another method is
/// a 405 naming the methods it takes.
final class RouteTable: @unchecked Sendable {
    let router = Router(context: ServeContext.self)
    private(set) var operations: [(method: String, path: String)] = []

    typealias Handler = @Sendable (Request, ServeContext) async throws -> Response

    func get(_ path: String, _ handler: @escaping Handler) { add(.get, path, handler) }
    func post(_ path: String, _ handler: @escaping Handler) { add(.post, path, handler) }
    func delete(_ path: String, _ handler: @escaping Handler) { add(.delete, path, handler) }

    private func add(_ method: HTTPRequest.Method, _ path: String, _ handler: @escaping Handler) {
        operations.append((method.rawValue.lowercased(), path))
        router.on(RouterPath(path), method: method, use: handler)
    }

    /// The methods served at the path of `requestPath` (`/api/runs/7` matches `/api/runs/{id}`), upper case.
    func methods(at requestPath: String) -> [String] {
        let parts = requestPath.split(separator: "/", omittingEmptySubsequences: false)
        return operations.filter { operation in
            let template = operation.path.split(separator: "/", omittingEmptySubsequences: false)
            return template.count == parts.count && zip(template, parts).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
        }.map { $0.method.uppercased() }
    }
}
