import Foundation
import HTTPTypes
import Ledger
import Testing

/// Settling a fund over HTTP: an admin reallocates and refunds (`/v1/funds/{code}/reallocations`,
/// `/refunds`), readers list them (`/v1/settlements`); the fund then closes.
@Suite struct SettlementsAPITests {
    @Test func anAdminSettlesAFundThenClosesIt() async throws {
        try await APIServer.with { api in
            try api.seed { store in
                _ = try store.openFund(code: "TURQUIE", name: "Fonds Turquie", audience: nil, openedOn: try day("2023-02-10"))
                _ = try store.openFund(code: "MAROC", name: "Fonds Maroc", audience: nil, openedOn: try day("2023-09-10"))
                for name in ["Nancy", "Aude"] { _ = try store.addDonor(name: name) }
                _ = try store.recordContribution(donor: "Nancy", fund: "TURQUIE", amount: Money(cents: 20_000), on: try day("2026-01-05"))
                _ = try store.recordContribution(donor: "Aude", fund: "TURQUIE", amount: Money(cents: 10_000), on: try day("2026-01-06"))
            }
            let reallocation = #"{"to": "MAROC", "amount_cents": 6000, "on": "2026-03-10", "agreement": "AG-2026-07", "agreed_on": "2026-03-02"}"#
            #expect(try await api.post("/v1/funds/TURQUIE/reallocations", reallocation, as: .clerk).status == .forbidden)
            let before = try api.snapshot()
            expectProblem(try await api.post("/v1/funds/TURQUIE/reallocations", #"{"to": "MAROC", "agreed_on": "2026-03-02"}"#, as: .admin),
                          .badRequest, field: "agreement")
            expectProblem(try await api.post("/v1/funds/TURQUIE/reallocations",
                                             #"{"to": "MAROC", "amount_cents": 30001, "agreement": "A", "agreed_on": "2026-03-02"}"#, as: .admin),
                          .conflict, field: "amount_cents")
            expectProblem(try await api.post("/v1/funds/TURQUIE/reallocations",
                                             #"{"to": "MAROK", "agreement": "A", "agreed_on": "2026-03-02"}"#, as: .admin),
                          .notFound, field: "to")
            expectProblem(try await api.post("/v1/funds/TURQUIE/status", #"{"status": "closed", "on": "2026-03-31"}"#, as: .admin),
                          .conflict, field: "status")
            #expect(try api.snapshot() == before)

            let moved = try await api.post("/v1/funds/TURQUIE/reallocations", reallocation, as: .admin, idempotencyKey: "r1")
            #expect(moved.status == .created, "\(moved)")
            #expect(moved.json["target_fund"] as? String == "MAROC" && moved.json["amount_cents"] as? Int == 6000)
            let location = try #require(moved.headers[.location])
            #expect(try await api.post("/v1/funds/TURQUIE/reallocations", reallocation, as: .admin, idempotencyKey: "r1").body == moved.body)
            #expect(try await api.get(location).json["reference"] as? String == "AG-2026-07")

            let refund = try await api.post("/v1/funds/TURQUIE/refunds",
                                            #"{"on": "2026-03-20", "decision": "CA-2026-11", "decided_on": "2026-03-15"}"#, as: .admin)
            #expect(refund.status == .created, "\(refund)")
            let shares = (refund.json["shares"] as? [[String: Any]] ?? []).map { "\($0["donor"] ?? "") \($0["refunded_cents"] ?? "")" }
            #expect(shares == ["Aude 8000", "Nancy 16000"], "\(refund)")
            #expect(try await api.post("/v1/funds/TURQUIE/status", #"{"status": "closed", "on": "2026-03-31"}"#, as: .admin).status == .ok)

            let listed = try await api.get("/v1/settlements?fund=MAROC")
            let kinds = ((try? JSONSerialization.jsonObject(with: Data(listed.body.utf8))) as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
            #expect(kinds == ["reallocation"], "\(listed)")
            let balances = (try? JSONSerialization.jsonObject(with: Data(try await api.get("/v1/balances?fund=MAROC").body.utf8))) as? [[String: Any]]
            #expect(balances?.first?["reallocated_in_cents"] as? Int == 6000)
            expectProblem(try await api.get("/v1/settlements/999"), .notFound, field: nil)
        }
    }
}
