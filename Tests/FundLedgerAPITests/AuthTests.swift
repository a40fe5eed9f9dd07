import Foundation
import HTTPTypes
import Ledger
import Testing

/// Tokens and roles: 401 without or with a bad or revoked token, 403 when the role does not
/// allow it, and every entry recording which token wrote it.
@Suite struct AuthTests {
    @Test func everyV1RouteNeedsAValidToken() async throws {
        try await APIServer.with { api in
            #expect(try await api.get("/healthz", as: nil).status == .ok)
            // The probes read no token: a stale or malformed one does not fail them.
            for probe in ["/healthz", "/readyz"] {
                let stale = try await api.request(.get, probe, as: nil, headers: [.authorization: "Bearer nope"])
                #expect(stale.status == .ok, "\(probe): \(stale)")
            }
            let none = try await api.get("/v1/funds", as: nil)
            #expect(none.status == .unauthorized)
            #expect(none.contentType == "application/problem+json")
            #expect(none.headers[.wwwAuthenticate] == "Bearer")
            for bad in ["Bearer nope", "Bearer fl_AAAAAAAAAAAAAAAAAAAAAA_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "Basic Zm9vOmJhcg=="] {
                let response = try await api.request(.get, "/v1/funds", as: nil, headers: [.authorization: bad])
                #expect(response.status == .unauthorized, "\(bad): \(response)")
            }
            // A real token with one character of its secret changed.
            var forged = Array(api.tokens[.admin]!)
            forged[forged.count - 1] = forged.last == "A" ? "B" : "A"
            let response = try await api.request(.get, "/v1/funds", as: nil,
                                                 headers: [.authorization: "Bearer \(String(forged))"])
            #expect(response.status == .unauthorized)
        }
    }

    @Test func aRevokedTokenOpensNothing() async throws {
        try await APIServer.with { api in
            #expect(try await api.get("/v1/funds", as: .reader).status == .ok)
            let owner = try api.database.connect()
            defer { owner.close() }
            _ = try APITokenStore(connection: owner, actor: "test").revoke(name: "test-reader")
            #expect(try await api.get("/v1/funds", as: .reader).status == .unauthorized)
        }
    }

    @Test func rolesAllowWhatTheySay() async throws {
        try await APIServer.with { api in
            let fund = #"{"code": "GAZA", "name": "Fonds Gaza", "opened_on": "2023-10-20"}"#
            #expect(try await api.post("/v1/funds", fund, as: .reader).status == .forbidden)
            #expect(try await api.post("/v1/funds", fund, as: .clerk).status == .forbidden)
            #expect(try await api.post("/v1/funds", fund, as: .admin).status == .created)
            _ = try api.database.store().addDonor(name: "Bondy")
            let gift = #"{"fund": "GAZA", "donor": "Bondy", "amount_cents": 250000, "received_on": "2026-02-03"}"#
            #expect(try await api.post("/v1/contributions", gift, as: .reader).status == .forbidden)
            let recorded = try await api.post("/v1/contributions", gift, as: .clerk)
            #expect(recorded.status == .created, "\(recorded)")
            let entry = try #require(recorded.json["entry_id"] as? Int)
            let owner = try api.database.connect()
            defer { owner.close() }
            let recordedBy = try owner.query("SELECT recorded_by FROM journal_entries WHERE id = \(Int64(entry))")
                .single().decode("recorded_by", as: String.self)
            #expect(recordedBy == "api:test-clerk")
        }
    }
}
