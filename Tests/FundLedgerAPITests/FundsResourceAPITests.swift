import Foundation
import HTTPTypes
import Ledger
import Testing

/// A fund's donors (French order, `only`) and its status (admin), and the balances.
@Suite struct FundsResourceAPITests {
    @Test func aFundsDonorsInFrenchOrder() async throws {
        try await APIServer.with { api in
            try api.seed { store in
                _ = try store.openFund(code: "GAZA", name: "Fonds Gaza", audience: nil, openedOn: try day("2023-10-20"))
                for name in ["Rennes", "Région Occitanie", "Évry", "Eybens"] { _ = try store.addDonor(name: name) }
                for name in ["Rennes", "Région Occitanie", "Évry"] {
                    _ = try store.recordContribution(donor: name, fund: "GAZA", amount: Money(cents: 1000), on: try day("2026-01-05"))
                }
                _ = try store.recordPledge(donor: "Eybens", fund: "GAZA", amount: Money(cents: 500), on: try day("2026-01-06"))
            }
            func donors(_ query: String) async throws -> [String] {
                let response = try await api.get("/v1/funds/GAZA/donors\(query)")
                #expect(response.status == .ok, "\(response)")
                let rows = (try? JSONSerialization.jsonObject(with: Data(response.body.utf8))) as? [[String: Any]] ?? []
                return rows.compactMap { $0["donor"] as? String }
            }
            #expect(try await donors("") == ["Évry", "Eybens", "Région Occitanie", "Rennes"])
            #expect(try await donors("?only=contributed") == ["Évry", "Région Occitanie", "Rennes"])
            #expect(try await donors("?only=pledged") == ["Eybens"])
            expectProblem(try await api.get("/v1/funds/GAZA/donors?only=some"), .badRequest, field: "only")
            let unknown = try await api.get("/v1/funds/GAZ/donors")
            expectProblem(unknown, .notFound, field: "code")
            #expect(unknown.json["suggestions"] as? [String] == ["GAZA"])
        }
    }

    @Test func anAdminChangesAFundsStatus() async throws {
        try await APIServer.with { api in
            try api.seed { store in
                _ = try store.openFund(code: "TURQUIE", name: "Fonds Turquie", audience: nil, openedOn: try day("2023-02-10"))
            }
            let closing = #"{"status": "closing", "on": "2026-01-15"}"#
            #expect(try await api.post("/v1/funds/TURQUIE/status", closing, as: .clerk).status == .forbidden)
            #expect(try await api.post("/v1/funds/TURQUIE/status", closing, as: .reader).status == .forbidden)
            let before = try api.snapshot()
            expectProblem(try await api.post("/v1/funds/TURQUIE/status", #"{"status": "frozen"}"#, as: .admin), .badRequest, field: "status")
            expectProblem(try await api.post("/v1/funds/TURQUIE/status", #"{"on": "2026-01-15"}"#, as: .admin), .badRequest, field: "status")
            expectProblem(try await api.post("/v1/funds/TURQUIE/status", #"{"status": "closed", "on": "2020-01-01"}"#, as: .admin), .unprocessableContent, field: "on")
            expectProblem(try await api.post("/v1/funds/TURKEY/status", closing, as: .admin), .notFound, field: "code")
            #expect(try api.snapshot() == before)
            let changed = try await api.post("/v1/funds/TURQUIE/status", closing, as: .admin, idempotencyKey: "s")
            #expect(changed.status == .ok, "\(changed)")
            #expect(changed.json["status"] as? String == "closing")
            #expect(try await api.post("/v1/funds/TURQUIE/status", closing, as: .admin, idempotencyKey: "s").body == changed.body)
            #expect(try await api.get("/v1/funds/TURQUIE").json["status"] as? String == "closing")
            let closed = try await api.post("/v1/funds/TURQUIE/status", #"{"status": "closed", "on": "2026-02-28"}"#, as: .admin)
            #expect(closed.json["closed_on"] as? String == "2026-02-28", "\(closed)")
        }
    }

    @Test func balancesOfEveryFundOrOne() async throws {
        try await APIServer.with { api in
            try api.seed { store in
                _ = try store.openFund(code: "GAZA", name: "Fonds Gaza", audience: nil, openedOn: try day("2023-10-20"))
                _ = try store.openFund(code: "MAROC", name: "Fonds Maroc", audience: nil, openedOn: try day("2023-09-10"))
                _ = try store.addDonor(name: "Nancy")
                _ = try store.recordPledge(donor: "Nancy", fund: "MAROC", amount: Money(cents: 9000), on: try day("2026-01-06"))
                _ = try store.recordContribution(donor: "Nancy", fund: "MAROC", amount: Money(cents: 4000), on: try day("2026-01-07"))
            }
            let all = try await api.get("/v1/balances")
            #expect(all.status == .ok)
            let rows = (try JSONSerialization.jsonObject(with: Data(all.body.utf8))) as? [[String: Any]] ?? []
            #expect(rows.compactMap { $0["code"] as? String } == ["GAZA", "MAROC"])
            let maroc = try #require(rows.last)
            #expect(maroc["available_cents"] as? Int == 4000)
            #expect(maroc["outstanding_pledges_cents"] as? Int == 5000)
            expectProblem(try await api.get("/v1/balances?fund=MAROK"), .notFound, field: "fund")
            #expect(try await api.get("/v1/balances", as: nil).status == .unauthorized)
        }
    }
}
