import Foundation
import FundLedgerAPI
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Ledger
import Logging
import NIOCore
import Postgres
import TestSupport

/// The real application (`buildApplication`, as `fundledger serve` runs it) on a loopback port,
/// against a fresh migrated database reached as a login role granted `fundledger_writer`, as
/// production connects; with one token per role. The ledger is verified when the body returns.
struct APIServer: Sendable {
    let database: TestDatabase
    let client: any TestClientProtocol
    /// A token per role, made as `fundledger token create` makes them.
    let tokens: [APIToken.Role: String]

    /// Runs `body` against a live server.
    static func with<T: Sendable>(expectingLedgerProblems: Bool = false,
                                  _ body: @Sendable (APIServer) async throws -> T) async throws -> T {
        try await TestDatabase.with(expectingLedgerProblems: expectingLedgerProblems) { database in
            let owner = try database.connect()
            defer { owner.close() }
            var tokens: [APIToken.Role: String] = [:]
            for role in APIToken.Role.allCases {
                let issued = TokenIssuer.issue()
                _ = try APITokenStore(connection: owner, actor: "test")
                    .create(name: "test-\(role.rawValue)", role: role, lookup: issued.lookup,
                            secretSHA256: issued.secretSHA256)
                tokens[role] = issued.token
            }
            let configuration = APIConfiguration(host: "127.0.0.1", port: 0,
                                                 databaseURL: try database.loginURL(granted: "fundledger_writer"),
                                                 poolSize: 4)
            var logger = Logger(label: "fundledger.api.test")
            logger.logLevel = .warning  // refusals are the tests' business; failures still show
            let app = buildApplication(configuration, logger: logger)
            let frozenTokens = tokens
            return try await app.test(.live) { client in
                try await body(APIServer(database: database, client: client, tokens: frozenTokens))
            }
        }
    }

    /// A request as `role` (nil: without a token), the body as JSON when given.
    @discardableResult
    func request(_ method: HTTPRequest.Method, _ path: String, as role: APIToken.Role? = .admin,
                 json: String? = nil, headers extra: HTTPFields = [:]) async throws -> APIResponse {
        var headers = extra
        if let role, let token = tokens[role] { headers[.authorization] = "Bearer \(token)" }
        if json != nil, headers[.contentType] == nil { headers[.contentType] = "application/json" }
        let response = try await client.execute(uri: path, method: method, headers: headers,
                                                body: json.map { ByteBuffer(string: $0) })
        return APIResponse(status: response.status, headers: response.headers, body: String(buffer: response.body))
    }

    func get(_ path: String, as role: APIToken.Role? = .reader, headers: HTTPFields = [:]) async throws -> APIResponse {
        try await request(.get, path, as: role, headers: headers)
    }

    func post(_ path: String, _ json: String, as role: APIToken.Role? = .clerk,
              idempotencyKey: String? = nil) async throws -> APIResponse {
        var headers: HTTPFields = [:]
        if let idempotencyKey { headers[HTTPField.Name("Idempotency-Key")!] = idempotencyKey }
        return try await request(.post, path, as: role, json: json, headers: headers)
    }
}

/// A response: status, headers, body text, and the body as JSON.
struct APIResponse: Sendable, CustomStringConvertible {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let body: String

    /// The body's JSON object (empty when it is not one).
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:]
    }

    /// The body's `items` (a page of a list).
    var items: [[String: Any]] { json["items"] as? [[String: Any]] ?? [] }

    var contentType: String? { headers[.contentType] }

    var description: String { "\(status.code) \(body)" }
}
