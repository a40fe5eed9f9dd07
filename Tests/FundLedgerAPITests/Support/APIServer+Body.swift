import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Ledger
import NIOCore

extension APIServer {
    /// A request with a raw body (a CSV file) and its content type, as `role`.
    @discardableResult
    func send(_ method: HTTPRequest.Method, _ path: String, body: String, contentType: String?,
              as role: APIToken.Role? = .clerk, headers extra: HTTPFields = [:]) async throws -> APIResponse {
        var headers = extra
        if let role, let token = tokens[role] { headers[.authorization] = "Bearer \(token)" }
        if let contentType { headers[.contentType] = contentType }
        let response = try await client.execute(uri: path, method: method, headers: headers, body: ByteBuffer(string: body))
        return APIResponse(status: response.status, headers: response.headers, body: String(buffer: response.body))
    }

    /// `GET path` asking for `accept`.
    func get(_ path: String, accept: String, as role: APIToken.Role? = .reader) async throws -> APIResponse {
        try await get(path, as: role, headers: [.accept: accept])
    }
}
