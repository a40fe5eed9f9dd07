import Foundation
import Hummingbird

/// `/openapi.yaml`: the API's OpenAPI 3.1 document, as shipped in the module's resources. Tests
/// hold it to the router (every route documented, every documented route routed) and
/// schemathesis holds the responses to it.
struct OpenAPIController {
    /// The document's text.
    static let document: String = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            fatalError("openapi.yaml is missing from FundLedgerAPI's resources")
        }
        return text
    }()

    func addRoutes(to group: RouterGroup<APIRequestContext>) {
        group.requiring(.reader).get("openapi.yaml", use: yaml)
    }

    @Sendable func yaml(_ request: Request, context: APIRequestContext) async throws -> Response {
        Response(status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: Self.document)))
    }
}
