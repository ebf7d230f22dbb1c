import CommandSupport
import Foundation
import Hummingbird
import RunStore

/// Limits of one server, from `ccts serve`'s options.
struct ServeLimits: Sendable {
    /// Largest request body read, in bytes.
    var bodyBytes: Int
    /// Most worlds one job may ask for.
    var maxIterations: Int
    /// Most jobs one token (or the local admin) may have queued or running at once.
    var maxPendingJobs: Int
    /// Longest a client may take to send a request's body.
    var bodySeconds: Double
}

/// Everything the routes share: the store (read in this process), the queue of jobs, the child
/// `ccts` that computes and renders, and the cache of report pages (a run's page never changes).
struct ServeApp: Sendable {
    let store: RunStore
    let queue: JobQueue
    let child: ChildCcts
    let limits: ServeLimits
    let policy: ServePolicy
    let pages = PageCache()

    /// The router of every endpoint (the OpenAPI document at /openapi.json lists the same; a test checks both ways).
    func routes() -> RouteTable {
        let table = RouteTable()
        table.router.middlewares.add(AccessLogMiddleware())
        table.router.middlewares.add(JSONErrorMiddleware(routes: table))
        table.router.middlewares.add(RequestGuardMiddleware(policy: policy))
        table.router.middlewares.add(AuthMiddleware(store: store, routes: table, policy: policy))
        SiteRoutes.add(to: table)
        RunRoutes(app: self).add(to: table)
        JobRoutes(app: self).add(to: table)
        ToolRoutes(app: self).add(to: table)
        TokenRoutes(app: self).add(to: table)
        return table
    }

    /// A stored run the caller may see, or 404 (a run of another entity is as absent as a missing one).
    func visibleRun(_ id: Int64, _ access: Access) throws -> StoredRun {
        guard let run = try? store.run(id),
            access.sees(run, submittedBy: try? run.job.flatMap { try store.job($0)?.tokenID })
        else {
            throw APIFailure.notFound("no run \(id) in this store for this token; GET /api/runs lists the runs it sees")
        }
        return run
    }

    /// The body of a request, read up to the server's limit, decoded with snake_case keys.
    func decode<T: Decodable>(_ type: T.Type, from request: Request, fields: (Any) -> (BodyFields, String)) async throws
        -> T
    {
        let buffer: ByteBuffer
        let (bytes, seconds) = (limits.bodyBytes, limits.bodySeconds)
        let read = request
        do {
            buffer = try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
                group.addTask {
                    var body = read; return try await body.collectBody(upTo: bytes)
                }
                group.addTask {
                    try await Task.sleep(nanoseconds: UInt64(seconds * 1e9)); return nil
                }
                defer { group.cancelAll() }
                guard let first = try await group.next(), let body = first else {
                    throw APIFailure(.requestTimeout, "the request body did not arrive within \(Int(seconds)) s")
                }
                return body
            }
        } catch let failure as APIFailure {
            throw failure
        } catch {
            throw APIFailure(
                .contentTooLarge,
                "the request body is over this server's limit of \(limits.bodyBytes) bytes (ccts serve --max-body)")
        }
        let data = Data(buffer: buffer)
        guard let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
            throw APIFailure.badRequest(
                "the body is not JSON; send Content-Type: application/json and a JSON object (see /openapi.json)")
        }
        let (allowed, what) = fields(object)
        if let problem = allowed.problem(in: object, what: what) { throw APIFailure.badRequest(problem) }
        do {
            return try Reply.decoder.decode(T.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw APIFailure.badRequest(
                "\(Self.path(context.codingPath + [key])): missing; see the request body in /openapi.json")
        } catch let DecodingError.typeMismatch(expected, context) {
            throw APIFailure.badRequest("\(Self.path(context.codingPath)): expected \(Self.plain(expected))")
        } catch let DecodingError.valueNotFound(expected, context) {
            throw APIFailure.badRequest("\(Self.path(context.codingPath)): expected \(Self.plain(expected)), got null")
        } catch let DecodingError.dataCorrupted(context) {
            throw APIFailure.badRequest(
                context.codingPath.isEmpty
                    ? "the request body is not JSON: \(context.debugDescription)"
                    : "\(Self.path(context.codingPath)): \(context.debugDescription)")
        }
    }

    /// A JSON field path as a client writes it: `scenario.name`, `reforms[1].text`.
    static func path(_ keys: [any CodingKey]) -> String {
        let text = keys.map { key in
            key.intValue.map { "[\($0)]" } ?? "."
                + key.stringValue.replacingOccurrences(of: "([a-z])([A-Z])", with: "$1_$2", options: .regularExpression)
                .lowercased()
        }.joined()
        return text.hasPrefix(".") ? String(text.dropFirst()) : (text.isEmpty ? "the body" : text)
    }

    static func plain(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type, is UInt64.Type: "a whole number"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        case is [Any].Type: "an array"
        default: "an object"
        }
    }

    /// A child `ccts` with no files of its own (store commands, factors): its stdout, or with
    /// `writing`, the file of that name it wrote; a 422 with its message when it fails.
    func ccts(_ arguments: [String], writing file: String? = nil) async throws -> Data {
        let folder = try WorkFolder()
        defer { folder.remove() }
        let result = try await child.run(arguments, in: folder.url)
        guard result.succeeded,
            let data = file.map({ try? Data(contentsOf: folder.url.appendingPathComponent($0)) }) ?? result.stdout
        else {
            throw APIFailure(.unprocessableContent, child.message(result, folder: folder.url.path, store: store.path))
        }
        return data
    }
}

/// Responses of the API.
enum Reply {
    /// The API's JSON in: snake_case keys, as everywhere in ccts.
    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }

    /// One line of JSON (an event's data, a job's stored request), snake_case keys.
    static func compact<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        raw(Data(try compact(value).utf8), type: "application/json; charset=utf-8", status: status)
    }

    static func raw(_ data: Data, type: String, status: HTTPResponse.Status = .ok, filename: String? = nil) -> Response
    {
        var headers = HTTPFields()
        headers[.contentType] = type
        if let filename { headers[.contentDisposition] = "attachment; filename=\"\(filename)\"" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(data: data)))
    }
}

/// Report pages by run id: rendering one recomputes its run, and a run never changes.
final class PageCache: @unchecked Sendable {
    private let lock = NSLock()
    private var pages: [Int64: Data] = [:]
    private var order: [Int64] = []
    private let capacity = 32

    func page(_ id: Int64) -> Data? { lock.withLock { pages[id] } }

    func keep(_ id: Int64, _ page: Data) {
        lock.withLock {
            if pages.updateValue(page, forKey: id) == nil { order.append(id) }
            if order.count > capacity { pages[order.removeFirst()] = nil }
        }
    }

    func forget(_ id: Int64) {
        lock.withLock {
            pages[id] = nil; order.removeAll { $0 == id }
        }
    }
}
