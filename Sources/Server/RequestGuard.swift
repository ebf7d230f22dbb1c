import CommandSupport
import Foundation
import HTTPTypes
import Hummingbird

/// Who the server answers, decided from `ccts serve`'s options before any request arrives.
struct ServePolicy: Sendable {
    /// Host names (lower case, no port) a request's `Host` may carry: the loopback names, the
    /// listen address when it is one host, and every `--allowed-host`. Anything else is refused,
    /// which closes DNS rebinding (a page of evil.example resolving to 127.0.0.1 sends Host: evil.example).
    var allowedHosts: Set<String>
    /// Whether a store with no token in force lets every request act as the local admin: true on
    /// loopback, and beyond it only with --insecure-no-tokens. Otherwise such a server refuses every
    /// /api request until a token exists (revoking the last token never opens it).
    var openWithoutTokens: Bool
    /// Whether the server listens beyond loopback (then its last token cannot be revoked through the API).
    var exposed: Bool

    static let loopbackNames: Set<String> = ["localhost", "127.0.0.1", "::1"]

    init(host: String, allowedHosts: [String], insecureNoTokens: Bool) {
        let listen = Self.bare(host)
        exposed = !Self.loopbackNames.contains(listen)
        var hosts = Self.loopbackNames
        if exposed && !["0.0.0.0", "::", ""].contains(listen) { hosts.insert(listen) }
        for name in allowedHosts { hosts.insert(Self.bare(name)) }
        self.allowedHosts = hosts
        openWithoutTokens = !exposed || insecureNoTokens
    }

    /// `Example.org:8080` → `example.org`; `[::1]:80` → `::1`.
    static func bare(_ host: String) -> String {
        var text = host.lowercased()
        if text.hasPrefix("[") {
            if let close = text.firstIndex(of: "]") { text = String(text[text.index(after: text.startIndex)..<close]) }
            return text
        }
        if text.filter({ $0 == ":" }).count == 1, let colon = text.lastIndex(of: ":") { text = String(text[..<colon]) }
        return text
    }

    /// Whether `path` (the request target without its query) is in the one spelling the router
    /// matches: `/` or `/segment/…`, segments of letters, digits, `-`, `_`, `.` and `~`, none empty,
    /// none `.` or `..`, no percent-encoding and no trailing slash. Every other spelling (`//api`,
    /// `/./api`, `/api/%74okens`, `/api/runs/`) is refused before routing, so no second spelling
    /// of a route can reach it.
    static func isCanonical(_ path: String) -> Bool {
        if path == "/" { return true }
        guard path.hasPrefix("/"), !path.hasSuffix("/") else { return false }
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~".utf8)
        for segment in path.utf8.dropFirst().split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false) {
            guard !segment.isEmpty, segment.allSatisfy(allowed.contains) else { return false }
            let text = String(decoding: segment, as: UTF8.self)
            if text == "." || text == ".." { return false }
        }
        return true
    }
}

/// Every request passes here before authentication and routing: the target must be canonical,
/// the `Host` one this server answers for, an `Origin` (when sent) the same site, and a write
/// (POST, DELETE) a request no cross-site form can send — JSON or with a bearer token.
struct RequestGuardMiddleware: RouterMiddleware {
    typealias Context = ServeContext
    let policy: ServePolicy

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        if let refusal = refusal(of: request) { return refusal.response() }
        return try await next(request, context)
    }

    func refusal(of request: Request) -> APIFailure? {
        let target = request.head.path ?? ""
        let path = String(target.prefix { $0 != "?" && $0 != "#" })
        guard ServePolicy.isCanonical(path) else {
            return APIFailure.badRequest(
                "the path is not in canonical form (no empty, '.' or '..' segment, no percent-encoding, "
                    + "no trailing slash); GET /openapi.json lists the paths")
        }
        guard let host = request.head.authority, policy.allowedHosts.contains(ServePolicy.bare(host)) else {
            return APIFailure(
                .misdirectedRequest,
                "this server does not answer for the host in this request's Host header; "
                    + "its operator names the host names it serves with ccts serve --allowed-host NAME")
        }
        if let origin = request.headers[.origin] {
            guard let url = URL(string: origin), let originHost = url.host,
                ["http", "https"].contains(url.scheme ?? ""),
                ServePolicy.bare(originHost) == ServePolicy.bare(host)
            else {
                return APIFailure(
                    .forbidden,
                    "a request from another site (Origin \(origin.prefix(80))) is refused; "
                        + "the API answers its own page and clients that send no Origin")
            }
        }
        // the methods that write here; any other is answered by the router (405 naming the methods a path takes)
        if request.method == .post || request.method == .delete {
            let json =
                request.headers[.contentType].map {
                    $0.split(separator: ";")[0].trimmingCharacters(in: .whitespaces).lowercased() == "application/json"
                } ?? false
            let bearer = request.headers[.authorization]?.hasPrefix("Bearer ") ?? false
            guard json || bearer else {
                return APIFailure(
                    .unsupportedMediaType,
                    "a \(request.method) needs Content-Type: application/json or an "
                        + "'Authorization: Bearer TOKEN' header (a cross-site form can send neither)")
            }
        }
        return nil
    }
}

/// The outermost layer: security headers on every response and one access-log line per request
/// on standard error (time, client, method, canonical path, status, milliseconds, token id).
struct AccessLogMiddleware: RouterMiddleware {
    typealias Context = ServeContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let started = ContinuousClock.now
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            response = APIFailure(.internalServerError, "the server failed to answer; its log has the detail")
                .response()
            warn("ccts serve: unexpected error: \(error)")
        }
        Self.secure(&response.headers)
        let elapsed = ContinuousClock.now - started
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        let target = (request.head.path ?? "").prefix { $0 != "?" }
        let client = context.client
        Self.log(
            "access \(Self.timestamp()) \(client) \(request.method) \(target.prefix(200)) \(response.status.code) "
                + String(format: "%.1fms", milliseconds) + " token=\(context.note.tokenID.map(String.init) ?? "-")")
        return response
    }

    /// Headers every answer carries: no sniffing, no referrer, framed only by this server's own page,
    /// and a content policy that lets a JSON answer run nothing (pages set their own, stricter for reports).
    static func secure(_ headers: inout HTTPFields) {
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        if headers[.contentSecurityPolicy] == nil {
            headers[.contentSecurityPolicy] = "default-src 'none'; frame-ancestors 'self'"
        }
        headers[HTTPField.Name("X-Frame-Options")!] = "SAMEORIGIN"
        headers[.cacheControl] = headers[.cacheControl] ?? "no-store"
    }

    /// One line on standard error, whole (one write, so lines of concurrent requests never interleave).
    static func log(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    static func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        return formatter.string(from: Date())
    }
}
