import Foundation
@testable import FundLedgerAPI
import Ledger
import Postgres
import Testing

/// The OpenAPI document is written by hand: these tests hold it to the router, in both
/// directions, so that it cannot drift from the code. (schemathesis, run by scripts/test, holds
/// every response to the document's schemas.)
@Suite struct OpenAPIDocumentTests {
    /// `GET /v1/funds/{code}` for each operation of the document (read from its layout: paths
    /// indented by two spaces, methods by four).
    static func documentedOperations() -> Set<String> {
        var operations: Set<String> = []
        var path: String?
        var inPaths = false
        for line in OpenAPIController.document.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("paths:") { inPaths = true; continue }
            if inPaths, let first = line.first, first != " ", first != "#" { inPaths = false }
            guard inPaths else { continue }
            if line.hasPrefix("  /"), line.hasSuffix(":") {
                path = String(line.dropFirst(2).dropLast())
            } else if let path, line.hasPrefix("    "), !line.hasPrefix("     "), line.hasSuffix(":") {
                let method = line.trimmingCharacters(in: .whitespaces).dropLast()
                if ["get", "post", "put", "patch", "delete"].contains(method) {
                    operations.insert("\(method.uppercased()) \(path)")
                }
            }
        }
        return operations
    }

    /// The router's routes, `:name` written `{name}` as OpenAPI does; the document itself is not
    /// an operation of the API, nor are the staff's screens under /app (HTML, not the API).
    static func routedOperations() -> Set<String> {
        let pool = PostgresConnectionPool(conninfo: "postgresql:///unused", size: 1)
        let router = buildRouter(service: LedgerService(pool: pool))
        return Set(router.routes.map { route in
            let path = route.path.description.split(separator: "/").map { part in
                part.hasPrefix(":") ? "{\(part.dropFirst())}" : String(part)
            }.joined(separator: "/")
            return "\(route.method) /\(path)"
        }).filter { !Self.isScreen($0) }.subtracting(["GET /openapi.yaml", "GET /metrics"])
    }

    /// `GET /app/fonds/{code}`: a route of the screens (FundLedgerWeb), not of the API.
    static func isScreen(_ operation: String) -> Bool {
        let path = operation.split(separator: " ", maxSplits: 1).last ?? ""
        return path == "/app" || path.hasPrefix("/app/")
    }

    @Test func everyRouteIsDocumented() {
        let undocumented = Self.routedOperations().subtracting(Self.documentedOperations())
        #expect(undocumented.isEmpty, "routes missing from openapi.yaml: \(undocumented.sorted())")
    }

    @Test func theScreensAreRoutedButNotAPIOperations() {
        let pool = PostgresConnectionPool(conninfo: "postgresql:///unused", size: 1)
        let all = Set(buildRouter(service: LedgerService(pool: pool)).routes.map { "\($0.method) \($0.path)" })
        #expect(all.contains { $0.contains("app/connexion") }, "no /app route: \(all.sorted())")
        #expect(!Self.routedOperations().contains { $0.contains("/app") })
        #expect(!Self.documentedOperations().contains { Self.isScreen($0) })
    }

    @Test func everyDocumentedOperationIsRouted() {
        let documented = Self.documentedOperations()
        #expect(documented.count >= 5)
        let unrouted = documented.subtracting(Self.routedOperations())
        #expect(unrouted.isEmpty, "operations of openapi.yaml with no route: \(unrouted.sorted())")
    }
}
