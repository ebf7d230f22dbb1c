import CommandSupport
import Foundation
import Hummingbird
import ServeSite

/// The run browser (`/`, its script and style) and the OpenAPI document, served from the binary:
/// no build step, nothing fetched from elsewhere.
enum SiteRoutes {
    static let files: [(path: String, type: String, bytes: [UInt8])] = [
        ("/", "text/html; charset=utf-8", SiteFiles.index),
        ("/app.js", "text/javascript; charset=utf-8", SiteFiles.script),
        ("/app.css", "text/css; charset=utf-8", SiteFiles.style),
        ("/openapi.json", "application/json; charset=utf-8", SiteFiles.openAPI),
    ]

    static func add(to router: RouteTable) {
        for file in files {
            let data = Data(file.bytes)
            router.get(file.path, role: nil, to: "read the run browser") { _, _ in
                var response = Reply.raw(data, type: file.type)
                response.headers[.contentSecurityPolicy] =
                    "default-src 'self'; frame-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; img-src "
                    + "'self' data:; "
                    + "frame-ancestors 'self'; form-action 'self'; base-uri 'none'"
                return response
            }
        }
    }
}
