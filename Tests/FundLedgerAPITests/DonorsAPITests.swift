import Foundation
import HTTPTypes
import Ledger
import Testing

/// `/v1/donors`: pages, one donor, adding one (clerk), idempotent retries and refusals.
@Suite struct DonorsAPITests {
    @Test func donorsPageByKeysetWithoutRepeats() async throws {
        try await APIServer.with { api in
            let names = ["Annemasse", "Bondy", "Chambéry", "Grenoble", "Lille", "Nancy", "Rezé"]
            let created = try api.seed { store in try names.map { try store.addDonor(name: $0).id } }
            let walked = try await api.walk("/v1/donors", limit: 3)
            #expect(walked.pages == [3, 3, 1])
            #expect(walked.ids == created.map(Int.init))
            #expect(Set(walked.ids).count == names.count)
            // An exact multiple of the limit: the last full page says there is no next one.
            #expect(try await api.walk("/v1/donors", limit: 7).pages == [7])
            let last = try await api.get("/v1/donors?limit=7")
            #expect(last.json["next_cursor"] is NSNull)
        }
    }

    @Test func badLimitsAndCursorsAreRefused() async throws {
        try await APIServer.with { api in
            for query in ["limit=0", "limit=501", "limit=abc", "limit=-1", "cursor=abc", "cursor=-4", "cursor=1e3"] {
                let response = try await api.get("/v1/donors?\(query)")
                expectProblem(response, .badRequest, field: String(query.prefix { $0 != "=" }))
            }
        }
    }

    @Test func aClerkAddsADonorAReaderCannot() async throws {
        try await APIServer.with { api in
            let body = #"{"name": "Liffré", "kind": "commune", "siren": "213501457"}"#
            #expect(try await api.post("/v1/donors", body, as: .reader).status == .forbidden)
            #expect(try await api.post("/v1/donors", body, as: nil).status == .unauthorized)
            let created = try await api.post("/v1/donors", body, as: .clerk)
            #expect(created.status == .created, "\(created)")
            let id = try #require(created.json["id"] as? Int)
            #expect(created.headers[.location] == "/v1/donors/\(id)")
            #expect(created.json["name"] as? String == "Liffré")
            #expect(created.json["siren"] as? String == "213501457")
            let shown = try await api.get("/v1/donors/\(id)")
            #expect(shown.status == .ok)
            #expect(shown.body == created.body)
            // Without siren the key is absent, not null (as the schema says).
            let plain = try await api.post("/v1/donors", #"{"name": "Bondy"}"#)
            #expect(plain.status == .created)
            #expect(plain.json["kind"] as? String == "commune")
            #expect(!plain.json.keys.contains("siren"))
        }
    }

    @Test func aRetryWithTheSameKeyReturnsTheFirstResponse() async throws {
        try await APIServer.with { api in
            let body = #"{"name": "Rennes"}"#
            let first = try await api.post("/v1/donors", body, idempotencyKey: "donor-1")
            let again = try await api.post("/v1/donors", body, idempotencyKey: "donor-1")
            #expect(first.status == .created)
            #expect(again.status == first.status)
            #expect(again.body == first.body)
            #expect(try api.count("SELECT count(*) FROM donors") == 1)
            let before = try api.snapshot()
            let other = try await api.post("/v1/donors", #"{"name": "Rezé"}"#, idempotencyKey: "donor-1")
            expectProblem(other, .conflict, field: "Idempotency-Key")
            #expect(try api.snapshot() == before)
            // The same key from another token is another key.
            let admin = try await api.post("/v1/donors", #"{"name": "Rezé"}"#, as: .admin, idempotencyKey: "donor-1")
            #expect(admin.status == .created)
        }
    }

    @Test func refusalsNameTheFieldAndWriteNothing() async throws {
        try await APIServer.with { api in
            _ = try api.seed { try $0.addDonor(name: "Liffré") }
            let before = try api.snapshot()
            expectProblem(try await api.post("/v1/donors", #"{"kind": "commune"}"#), .badRequest, field: "name")
            expectProblem(try await api.post("/v1/donors", #"{"name": 12}"#), .badRequest, field: "name")
            expectProblem(try await api.post("/v1/donors", #"{"name": "Évry", "kind": "village"}"#), .badRequest, field: "kind")
            expectProblem(try await api.post("/v1/donors", #"{"name": "Évry", "siren": "12"}"#), .unprocessableContent, field: "siren")
            let duplicate = try await api.post("/v1/donors", #"{"name": "LIFFRE"}"#)
            expectProblem(duplicate, .conflict, field: "name")
            expectProblem(try await api.post("/v1/donors", #"{"name": "Évry""#), .badRequest, field: nil)
            let wrongType = try await api.request(.post, "/v1/donors", as: .clerk, json: #"{"name": "Évry"}"#,
                                                  headers: [.contentType: "text/plain"])
            #expect(wrongType.status == .unsupportedMediaType)
            #expect(try api.snapshot() == before)
            expectProblem(try await api.get("/v1/donors/999999"), .notFound, field: nil)
            expectProblem(try await api.get("/v1/donors/abc"), .notFound, field: "id")
        }
    }
}
