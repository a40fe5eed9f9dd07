import Foundation
import HTTPTypes
import Ledger
import Testing

/// `/v1/pledge-intents`: intentions recorded (clerk) without any entry, listed and read, then
/// confirmed by their délibération into a pledge posted 4417/74; retries with the same
/// `Idempotency-Key` answer the same body.
@Suite struct PledgeIntentsAPITests {
    static func seed(_ api: APIServer) throws {
        try api.seed { store in
            _ = try store.openFund(code: "VIETNAM", name: "Fonds Vietnam", audience: nil, openedOn: try day("2025-11-10"))
            _ = try store.openFund(code: "GAZA", name: "Fonds Gaza", audience: nil, openedOn: try day("2023-10-20"))
            for name in ["Cergy", "Rennes", "Grand Poitiers", "Saint-Calais"] { _ = try store.addDonor(name: name) }
        }
    }

    @Test func intentionsAreRecordedListedAndConfirmed() async throws {
        try await APIServer.with { api in
            try Self.seed(api)
            let body = #"{"fund": "VIETNAM", "donor": "cergy", "amount_cents": 500000, "announced_on": "2026-01-12", "note": "Intérêt confirmé"}"#
            expectProblem(try await api.post("/v1/pledge-intents", body, as: .reader), .forbidden, field: nil)
            let created = try await api.post("/v1/pledge-intents", body, idempotencyKey: "intent-1")
            #expect(created.status == .created, "\(created)")
            let id = try #require(created.json["id"] as? Int)
            #expect(created.headers[.location] == "/v1/pledge-intents/\(id)")
            #expect(created.json["donor"] as? String == "Cergy")
            #expect(created.json["amount_cents"] as? Int == 500_000)
            #expect(created.json["pledge_id"] == nil)
            let retried = try await api.post("/v1/pledge-intents", body, idempotencyKey: "intent-1")
            #expect(retried.status == .created)
            #expect(retried.body == created.body)
            #expect(retried.headers[.location] == created.headers[.location])
            // An intention is never posted.
            #expect(try api.count("SELECT count(*) FROM pledge_intents") == 1)
            #expect(try api.count("SELECT count(*) FROM journal_entries") == 0)
            #expect(try await api.get("/v1/pledge-intents/\(id)").body == created.body)

            var ids = [id]
            for (donor, fund) in [("Rennes", "VIETNAM"), ("Grand Poitiers", "VIETNAM"), ("Saint-Calais", "GAZA")] {
                let response = try await api.post("/v1/pledge-intents", #"{"fund": "\#(fund)", "donor": "\#(donor)", "amount_cents": 100000, "announced_on": "2026-01-20"}"#)
                ids.append(try #require(response.json["id"] as? Int, "\(response)"))
            }
            #expect(try await api.walk("/v1/pledge-intents", limit: 3).ids == ids)
            #expect(try await api.walk("/v1/pledge-intents", limit: 3).pages == [3, 1])
            #expect(try await api.walk("/v1/pledge-intents?fund=GAZA", limit: 3).ids == [ids[3]])
            #expect(try await api.walk("/v1/pledge-intents?donor=RENNES", limit: 3).ids == [ids[1]])

            // The vote: délibération, day, amount voted.
            let vote = #"{"deliberation": "DEL-2026-014", "on": "2026-02-10", "amount_cents": 450000}"#
            expectProblem(try await api.post("/v1/pledge-intents/\(id)/confirm", vote, as: .reader), .forbidden, field: nil)
            let confirmed = try await api.post("/v1/pledge-intents/\(id)/confirm", vote, idempotencyKey: "vote-1")
            #expect(confirmed.status == .created, "\(confirmed)")
            let pledge = try #require(confirmed.json["id"] as? Int)
            #expect(confirmed.headers[.location] == "/v1/pledges/\(pledge)")
            #expect(confirmed.json["pledged_cents"] as? Int == 450_000)
            #expect(confirmed.json["reference"] as? String == "DEL-2026-014")
            #expect(confirmed.json["pledged_on"] as? String == "2026-02-10")
            #expect(confirmed.json["state"] as? String == "open")
            let again = try await api.post("/v1/pledge-intents/\(id)/confirm", vote, idempotencyKey: "vote-1")
            #expect(again.status == .created, "\(again)")
            #expect(again.body == confirmed.body)
            #expect(again.headers[.location] == confirmed.headers[.location])
            #expect(try await api.get("/v1/pledges/\(pledge)").body == confirmed.body)
            #expect(try await api.get("/v1/pledge-intents/\(id)").json["pledge_id"] as? Int == pledge)
            #expect(try api.count("SELECT count(*) FROM pledges") == 1)
            #expect(try api.count("SELECT count(*) FROM journal_entries WHERE kind = 'pledge' AND recorded_by = 'api:test-clerk'") == 1)
            #expect(try await api.walk("/v1/pledge-intents?voted=true", limit: 10).ids == [id])
            #expect(try await api.walk("/v1/pledge-intents?voted=false", limit: 10).ids == Array(ids.dropFirst()))

            // Voted once; the same key with another body is a conflict.
            let before = try api.snapshot()
            let twice = try await api.post("/v1/pledge-intents/\(id)/confirm", vote, idempotencyKey: "vote-2")
            expectProblem(twice, .conflict, field: nil)
            #expect(twice.json["code"] as? String == "FL015", "\(twice)")
            let otherBody = try await api.post("/v1/pledge-intents/\(id)/confirm",
                                               vote.replacingOccurrences(of: "450000", with: "450001"), idempotencyKey: "vote-1")
            expectProblem(otherBody, .conflict, field: "Idempotency-Key")
            #expect(try api.snapshot() == before)
        }
    }

    @Test func refusalsNameTheirField() async throws {
        try await APIServer.with { api in
            try Self.seed(api)
            let intent = try #require(try await api.post("/v1/pledge-intents",
                #"{"fund": "VIETNAM", "donor": "Rennes", "amount_cents": 1000, "announced_on": "2026-01-20"}"#).json["id"] as? Int)
            let before = try api.snapshot()
            expectProblem(try await api.post("/v1/pledge-intents", #"{"fund": "VIETNAM", "donor": "Rennes", "amount_cents": 0}"#),
                          .unprocessableContent, field: "amount_cents")
            expectProblem(try await api.post("/v1/pledge-intents", #"{"fund": "VIETNAM", "donor": "Rennes", "amount_cents": 10, "announced_on": "2026-02-30"}"#),
                          .unprocessableContent, field: "announced_on")
            let unknown = try await api.post("/v1/pledge-intents", #"{"fund": "VIETNAME", "donor": "Rennes", "amount_cents": 10}"#)
            expectProblem(unknown, .notFound, field: "fund")
            #expect((unknown.json["suggestions"] as? [String])?.contains("VIETNAM") == true, "\(unknown)")
            expectProblem(try await api.post("/v1/pledge-intents", #"{"fund": "VIETNAM", "amount_cents": 10}"#), .badRequest, field: "donor")
            expectProblem(try await api.get("/v1/pledge-intents?voted=peut-etre"), .badRequest, field: "voted")
            expectProblem(try await api.get("/v1/pledge-intents/4242"), .notFound, field: nil)

            expectProblem(try await api.post("/v1/pledge-intents/4242/confirm", #"{"deliberation": "DEL-1"}"#), .notFound, field: "id")
            expectProblem(try await api.post("/v1/pledge-intents/\(intent)/confirm", #"{"on": "2026-02-01"}"#), .badRequest, field: "deliberation")
            expectProblem(try await api.post("/v1/pledge-intents/\(intent)/confirm", #"{"deliberation": "  "}"#),
                          .unprocessableContent, field: "deliberation")
            expectProblem(try await api.post("/v1/pledge-intents/\(intent)/confirm", #"{"deliberation": "DEL-1", "on": "2026-01-01"}"#),
                          .unprocessableContent, field: "on")
            expectProblem(try await api.post("/v1/pledge-intents/\(intent)/confirm", #"{"deliberation": "DEL-1", "amount_cents": -1}"#),
                          .unprocessableContent, field: "amount_cents")
            #expect(try api.snapshot() == before)
        }
    }

    @Test func anIntentionIsVotedInTheOpenPeriodOnly() async throws {
        try await APIServer.with { api in
            try Self.seed(api)
            let intent = try #require(try await api.post("/v1/pledge-intents",
                #"{"fund": "VIETNAM", "donor": "Cergy", "amount_cents": 2000, "announced_on": "2025-12-01"}"#).json["id"] as? Int)
            #expect(try await api.post("/v1/periods/close", #"{"through": "2025-12-31"}"#, as: .admin).status == .created)
            // Kept, not posted: an intention may still be dated in the closed period.
            #expect(try await api.post("/v1/pledge-intents",
                #"{"fund": "VIETNAM", "donor": "Rennes", "amount_cents": 1000, "announced_on": "2025-12-15"}"#).status == .created)
            let before = try api.snapshot()
            let late = try await api.post("/v1/pledge-intents/\(intent)/confirm", #"{"deliberation": "DEL-2025-090", "on": "2025-12-20"}"#)
            expectProblem(late, .conflict, field: "on")
            #expect(late.json["code"] as? String == "FL018", "\(late)")
            #expect(try api.snapshot() == before)
            let voted = try await api.post("/v1/pledge-intents/\(intent)/confirm", #"{"deliberation": "DEL-2026-003", "on": "2026-01-08"}"#)
            #expect(voted.status == .created, "\(voted)")
            #expect(voted.json["pledged_cents"] as? Int == 2000)
        }
    }
}
