import Foundation
import HTTPTypes
import Ledger
import Testing

/// `/v1/tokens`: admin only; the secret shown once; a revoked token opens nothing.
@Suite struct TokensAPITests {
    @Test func anAdminCreatesListsAndRevokesTokens() async throws {
        try await APIServer.with { api in
            let body = #"{"name": "compta", "role": "reader"}"#
            #expect(try await api.get("/v1/tokens", as: .clerk).status == .forbidden)
            #expect(try await api.post("/v1/tokens", body, as: .clerk).status == .forbidden)
            #expect(try await api.post("/v1/tokens/test-reader/revoke", "{}", as: .clerk).status == .forbidden)

            let created = try await api.post("/v1/tokens", body, as: .admin)
            #expect(created.status == .created, "\(created)")
            let token = try #require(created.json["token"] as? String)
            #expect(token.hasPrefix("fl_") && token.count == 69)
            #expect(created.json["created_by"] as? String == "api:test-admin")
            #expect(created.json["role"] as? String == "reader")
            let works = try await api.request(.get, "/v1/funds", as: nil, headers: [.authorization: "Bearer \(token)"])
            #expect(works.status == .ok)

            let listed = try await api.walk("/v1/tokens", limit: 2, as: .admin)
            #expect(listed.ids.count == 4)  // one per role, and compta
            let page = try await api.get("/v1/tokens?limit=10", as: .admin)
            #expect(!page.body.contains(token))
            #expect(!page.body.contains(String(token.suffix(43))))

            expectProblem(try await api.post("/v1/tokens", body, as: .admin), .conflict, field: "name")
            expectProblem(try await api.post("/v1/tokens", #"{"name": "x", "role": "root"}"#, as: .admin), .badRequest, field: "role")
            expectProblem(try await api.post("/v1/tokens", #"{"name": "x", "role": "reader"}"#, as: .admin, idempotencyKey: "t"),
                          .unprocessableContent, field: "Idempotency-Key")

            let revoked = try await api.post("/v1/tokens/compta/revoke", "{}", as: .admin)
            #expect(revoked.status == .ok, "\(revoked)")
            #expect(revoked.json["revoked_by"] as? String == "api:test-admin")
            let refused = try await api.request(.get, "/v1/funds", as: nil, headers: [.authorization: "Bearer \(token)"])
            #expect(refused.status == .unauthorized)
            expectProblem(try await api.post("/v1/tokens/compta/revoke", "{}", as: .admin), .notFound, field: "name")
        }
    }
}
