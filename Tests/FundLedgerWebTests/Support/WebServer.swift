import Foundation
import FundLedgerAPI
import FundLedgerWeb
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Ledger
import Logging
import NIOCore
import Postgres
import TestSupport

/// The real application (`buildApplication`, as `fundledger serve` runs it, screens under /app)
/// on a loopback port, against a fresh migrated database reached as a login role granted
/// `fundledger_writer`; one staff user per role (password `Staff.password`), a fund GAZA and two
/// donors. The ledger is verified when the body returns.
///
/// The suites using it run their tests one at a time (`.serialized`) with a pool of 2: the whole
/// test run shares one PostgreSQL of 100 connections, and parallel servers of 4 exhausted it.
struct WebServer: Sendable {
    let database: TestDatabase
    let client: any TestClientProtocol

    static let password = "mot de passe solide"

    static func email(_ role: APIToken.Role) -> String { "\(role.rawValue)@example.org" }

    static func with<T: Sendable>(_ body: @Sendable (WebServer) async throws -> T) async throws -> T {
        try await TestDatabase.with { database in
            let owner = try database.connect()
            defer { owner.close() }
            let users = StaffUserStore(connection: owner, actor: "test")
            let hash = StaffPassword.hashNow(password, cost: 4)  // cost 4: tests sign in often
            for role in APIToken.Role.allCases {
                _ = try users.add(email: email(role), role: role, passwordHash: hash)
            }
            let store = LedgerStore(connection: owner, actor: "test")
            _ = try store.openFund(code: "GAZA", name: "Urgence Gaza", audience: nil,
                                   openedOn: CalendarDate(year: 2026, month: 1, day: 2)!)
            _ = try store.addDonor(name: "Écully")
            _ = try store.addDonor(name: "Bondy")
            let configuration = APIConfiguration(host: "127.0.0.1", port: 0,
                                                 databaseURL: try database.loginURL(granted: "fundledger_writer"),
                                                 poolSize: 2)
            var logger = Logger(label: "fundledger.web.test")
            logger.logLevel = .warning
            let app = buildApplication(configuration, logger: logger)
            return try await app.test(.live) { client in
                try await body(WebServer(database: database, client: client))
            }
        }
    }

    /// A browser of its own (its own cookies), not signed in.
    func browser() -> Browser { Browser(client: client) }

    /// A browser signed in as the user of `role`.
    func signedIn(_ role: APIToken.Role) async throws -> Browser {
        var browser = browser()
        let answer = try await browser.signIn(email: Self.email(role), password: Self.password)
        guard answer.status == .seeOther else { throw TestSetupError("sign-in as \(role) failed: \(answer)") }
        return browser
    }

    /// Runs `body` on a connection as the database's owner.
    func owner<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        let connection = try database.connect()
        defer { connection.close() }
        return try body(connection)
    }

    /// The number of rows `query` counts, as the owner.
    func count(_ query: PostgresQuery) throws -> Int64 {
        try owner { try $0.query(query).single().decode("n", as: Int64.self) }
    }
}

/// A browser: keeps the cookies the server sets and sends them back, as a browser does on
/// same-origin requests. Forms are posted url-encoded.
struct Browser: Sendable {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]

    mutating func get(_ path: String) async throws -> WebResponse {
        try await send(.get, path, body: nil)
    }

    mutating func post(_ path: String, _ fields: [String: String]) async throws -> WebResponse {
        let body = fields.map { "\(Self.encode($0.key))=\(Self.encode($0.value))" }.joined(separator: "&")
        return try await send(.post, path, body: body)
    }

    /// Gets the sign-in form (and its cookie), then posts it.
    mutating func signIn(email: String, password: String) async throws -> WebResponse {
        let form = try await get("/app/connexion")
        return try await post("/app/connexion", ["email": email, "password": password, "csrf": form.hidden("csrf") ?? ""])
    }

    mutating func send(_ method: HTTPRequest.Method, _ path: String, body: String?) async throws -> WebResponse {
        var headers: HTTPFields = [:]
        if !cookies.isEmpty {
            headers[.cookie] = cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        }
        if body != nil { headers[.contentType] = "application/x-www-form-urlencoded" }
        let response = try await client.execute(uri: path, method: method, headers: headers,
                                                body: body.map { ByteBuffer(string: $0) })
        let answer = WebResponse(status: response.status, headers: response.headers, body: String(buffer: response.body))
        for line in answer.setCookies {
            let pair = line.split(separator: ";", maxSplits: 1)[0].split(separator: "=", maxSplits: 1)
            let name = String(pair[0])
            let value = pair.count > 1 ? String(pair[1]) : ""
            if value.isEmpty || line.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
        return answer
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed)!
    }
}

struct WebResponse: Sendable, CustomStringConvertible {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let body: String

    var setCookies: [String] { headers[values: .setCookie] }
    var location: String? { headers[.location] }

    /// The value of the hidden input `name` of the page's (last) form with one.
    func hidden(_ name: String) -> String? {
        let pattern = #"name="\#(name)" value="([^"]*)""#
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return nil }
        let matches = regex.matches(in: body, range: NSRange(body.startIndex..., in: body))
        guard let last = matches.last, let range = Range(last.range(at: 1), in: body) else { return nil }
        return String(body[range])
    }

    /// The value attribute of the input with that id.
    func value(ofInput id: String) -> String? {
        let pattern = #"id="\#(id)"[^>]*value="([^"]*)""#
        guard let regex = try? NSRegularExpression(pattern: pattern),
              let match = regex.firstMatch(in: body, range: NSRange(body.startIndex..., in: body)),
              let range = Range(match.range(at: 1), in: body) else { return nil }
        return String(body[range])
    }

    var description: String { "\(status.code) \(body.prefix(400))" }
}
