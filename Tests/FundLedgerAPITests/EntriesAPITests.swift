import Foundation
import HTTPTypes
import Ledger
import Testing

/// `/v1/entries`: an entry with its postings (reader), its reversal (admin only), and the
/// contributions list that leads to it.
@Suite struct EntriesAPITests {
    @Test func anEntryShowsItsPostingsAndAnAdminReversesIt() async throws {
        try await APIServer.with { api in
            let contribution = try api.seed { store in
                _ = try store.openFund(code: "GAZA", name: "Fonds Gaza", audience: nil, openedOn: try day("2023-10-20"))
                _ = try store.addDonor(name: "Bondy")
                return try store.recordContribution(donor: "Bondy", fund: "GAZA", amount: Money(cents: 250_000),
                                                    on: try day("2026-02-03"), reference: "VIR 0203")
            }
            let entry = try await api.get("/v1/entries/\(contribution.entryID)")
            #expect(entry.status == .ok, "\(entry)")
            #expect(entry.json["kind"] as? String == "contribution")
            #expect(entry.json["fund_code"] as? String == "GAZA")
            #expect(!entry.json.keys.contains("reversed_by_entry_id"))
            let postings = try #require(entry.json["postings"] as? [[String: Any]])
            #expect(postings.count >= 2)
            #expect(postings.compactMap { $0["amount_cents"] as? Int }.reduce(0, +) == 0)
            #expect(Set(postings.compactMap { $0["account"] as? String }).contains("512000"))
            expectProblem(try await api.get("/v1/entries/987654"), .notFound, field: nil)

            let reason = #"{"reason": "Virement rejeté par la banque", "on": "2026-02-10"}"#
            #expect(try await api.post("/v1/entries/\(contribution.entryID)/reversal", reason, as: .clerk).status == .forbidden)
            let before = try api.snapshot()
            expectProblem(try await api.post("/v1/entries/\(contribution.entryID)/reversal", #"{"on": "2026-02-10"}"#, as: .admin), .badRequest, field: "reason")
            expectProblem(try await api.post("/v1/entries/\(contribution.entryID)/reversal", #"{"reason": "  "}"#, as: .admin), .unprocessableContent, field: "reason")
            expectProblem(try await api.post("/v1/entries/\(contribution.entryID)/reversal", #"{"reason": "x", "on": "2026-02-30"}"#, as: .admin), .unprocessableContent, field: "on")
            expectProblem(try await api.post("/v1/entries/987654/reversal", reason, as: .admin), .notFound, field: "id")
            #expect(try api.snapshot() == before)

            let reversal = try await api.post("/v1/entries/\(contribution.entryID)/reversal", reason, as: .admin, idempotencyKey: "r")
            #expect(reversal.status == .created, "\(reversal)")
            let reversalID = try #require(reversal.json["id"] as? Int)
            #expect(reversal.headers[.location] == "/v1/entries/\(reversalID)")
            #expect(reversal.json["reverses_entry_id"] as? Int == Int(contribution.entryID))
            #expect(reversal.json["recorded_by"] as? String == "api:test-admin")
            let reversedPostings = try #require(reversal.json["postings"] as? [[String: Any]])
            #expect(reversedPostings.compactMap { $0["amount_cents"] as? Int }.sorted()
                    == postings.compactMap { ($0["amount_cents"] as? Int).map { -$0 } }.sorted())
            let retry = try await api.post("/v1/entries/\(contribution.entryID)/reversal", reason, as: .admin, idempotencyKey: "r")
            #expect(retry.status == .created)
            #expect(retry.body == reversal.body)
            #expect(try await api.get("/v1/entries/\(reversalID)").body == reversal.body)
            #expect(try await api.get("/v1/entries/\(contribution.entryID)").json["reversed_by_entry_id"] as? Int == reversalID)
            expectProblem(try await api.post("/v1/entries/\(contribution.entryID)/reversal", reason, as: .admin), .conflict, field: nil)
            #expect(try await api.get("/v1/contributions/\(contribution.id)").json["reversed_by_entry_id"] as? Int == reversalID)
        }
    }

    @Test func contributionsListWithFiltersInPages() async throws {
        try await APIServer.with { api in
            let ids = try api.seed { store in
                _ = try store.openFund(code: "GAZA", name: "Fonds Gaza", audience: nil, openedOn: try day("2023-10-20"))
                _ = try store.openFund(code: "TURQUIE", name: "Fonds Turquie", audience: nil, openedOn: try day("2023-02-10"))
                for name in ["Bondy", "Nancy"] { _ = try store.addDonor(name: name) }
                var ids: [Int] = []
                for index in 1...7 {
                    let donor = index % 2 == 0 ? "Nancy" : "Bondy"
                    let fund = index % 3 == 0 ? "TURQUIE" : "GAZA"
                    let amount = Money(cents: Int64(index * 1000))
                    let contribution = try store.recordContribution(donor: donor, fund: fund, amount: amount,
                                                                    on: try day("2026-01-0\(index)"))
                    ids.append(Int(contribution.id))
                }
                return ids
            }
            #expect(try await api.walk("/v1/contributions", limit: 3).pages == [3, 3, 1])
            #expect(try await api.walk("/v1/contributions", limit: 3).ids == ids)
            #expect(try await api.walk("/v1/contributions?fund=TURQUIE", limit: 1).ids == [ids[2], ids[5]])
            #expect(try await api.walk("/v1/contributions?donor=nancy", limit: 2).ids == [ids[1], ids[3], ids[5]])
            #expect(try await api.walk("/v1/contributions?from=2026-01-03&to=2026-01-05", limit: 2).ids == Array(ids[2...4]))
            #expect(try await api.walk("/v1/contributions?fund=GAZA&donor=Bondy&from=2026-01-02", limit: 2).ids == [ids[4], ids[6]])
            expectProblem(try await api.get("/v1/contributions?from=2026-02-30"), .badRequest, field: "from")
            expectProblem(try await api.get("/v1/contributions?to=hier"), .badRequest, field: "to")
            expectProblem(try await api.get("/v1/contributions?fund=GAZAA"), .notFound, field: "fund")
            let shown = try await api.get("/v1/contributions/\(ids[0])")
            #expect(shown.status == .ok)
            #expect(shown.json["amount_cents"] as? Int == 1000)
            expectProblem(try await api.get("/v1/contributions/0"), .notFound, field: "id")
            expectProblem(try await api.get("/v1/contributions/123456"), .notFound, field: nil)
        }
    }
}
