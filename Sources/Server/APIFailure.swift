import CommandSupport
import Foundation
import Hummingbird

/// A refusal or failure of the API, always answered as JSON: `{"error": {"status": 403, "message": "…"}}`.
/// Messages are in the user's terms (the field, what was expected), never an internal type.
struct APIFailure: Error, HTTPResponseError {
    var status: HTTPResponse.Status
    var message: String

    init(_ status: HTTPResponse.Status, _ message: String) {
        self.status = status
        self.message = message
    }

    static func badRequest(_ message: String) -> APIFailure { APIFailure(.badRequest, message) }
    static func notFound(_ message: String) -> APIFailure { APIFailure(.notFound, message) }

    func response(from request: Request, context: some RequestContext) throws -> Response { response() }

    func response() -> Response {
        struct Body: Encodable { var error: Detail }
        struct Detail: Encodable { var status: Int, message: String }
        let data = Data(((try? Reply.compact(Body(error: Detail(status: status.code, message: message)))) ?? "{}").utf8)
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer realm=\"ccts\"" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(data: data)))
    }
}

/// Turns every error a route or Hummingbird throws (no such route, a body over the limit, a failed
/// decode) into the API's JSON error; an unexpected error is a 500 whose message names what failed.
struct JSONErrorMiddleware: RouterMiddleware {
    typealias Context = ServeContext
    let routes: RouteTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let failure as APIFailure {
            return failure.response()
        } catch let error as HTTPError where error.status == .notFound && !routes.methods(at: request.uri.path).isEmpty
        {
            let allowed = routes.methods(at: request.uri.path)
            var response = APIFailure(
                .methodNotAllowed, "\(request.uri.path) takes \(allowed.joined(separator: ", ")), not \(request.method)"
            ).response()
            response.headers[.allow] = allowed.joined(separator: ", ")
            return response
        } catch let error as HTTPError {
            let message =
                error.body
                ?? (error.status == .notFound
                    ? "no such endpoint: \(request.method) \(request.uri.path); GET /openapi.json lists them"
                    : error.status.reasonPhrase)
            return APIFailure(error.status, message).response()
        } catch let error as any HTTPResponseError {
            return APIFailure(error.status, error.status.reasonPhrase).response()
        } catch {
            // never a server path or a raw SQLite message to a client: the detail goes to the log
            warn("ccts serve: \(request.method) \(request.uri.path) failed: \(error)")
            return APIFailure(
                .internalServerError,
                "the server could not answer this request (its store or ccts failed); "
                    + "the server's log has the detail"
            ).response()
        }
    }
}
