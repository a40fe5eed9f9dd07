import Foundation
import HTTPTypes
import Ledger
import Testing

/// `/v1/pledges`: recording (clerk), listing with filters, write-off and cancel, idempotent
/// retries, and the refusals of bad amounts, unknown names, impossible dates and bad JSON.
@Suite struct PledgesAPITests {
    /// Two funds and three donors.
    static func seedFunds(_ api: APIServer) throws {
        try api.seed { store in
            _ = try store.openFund(code: "GAZA", name: "Fonds Gaza", audience: nil, openedOn: try day("2023-10-20"))
            _ = try store.openFund(code: "VIETNAM", name: "Fonds Vietnam", audience: nil, openedOn: try day("2025-11-10"))
            for name in ["Rennes", "Liffré", "Cergy"] { _ = try store.addDonor(name: name) }
        }
    }

    @Test func aClerkRecordsAPledgeAndReadersReadIt() async throws {
        try await APIServer.with { api in
            try Self.seedFunds(api)
            let body = #"{"fund": "VIETNAM", "donor": "rennes", "amount_cents": 1000000, "pledged_on": "2026-01-15", "reference": "Délibération 2026-014"}"#
            #expect(try await api.post("/v1/pledges", body, as: .reader).status == .forbidden)
            let created = try await api.post("/v1/pledges", body, as: .clerk)
            #expect(created.status == .created, "\(created)")
            let id = try #require(created.json["id"] as? Int)
            #expect(created.headers[.location] == "/v1/pledges/\(id)")
            #expect(created.json["donor"] as? String == "Rennes")
            #expect(created.json["fund"] as? String == "VIETNAM")
            #expect(created.json["pledged_cents"] as? Int == 1_000_000)
            #expect(created.json["outstanding_cents"] as? Int == 1_000_000)
            #expect(created.json["state"] as? String == "open")
            let shown = try await api.get("/v1/pledges/\(id)")
            #expect(shown.body == created.body)
            expectProblem(try await api.get("/v1/pledges/424242"), .notFound, field: nil)
            let entry = try #require(created.json["entry_id"] as? Int)
            let recordedBy = try api.count("SELECT count(*) FROM journal_entries WHERE id = \(Int64(entry)) AND recorded_by = 'api:test-clerk'")
            #expect(recordedBy == 1)
        }
    }

    @Test func pledgesListByFundAndDonorInPages() async throws {
        try await APIServer.with { api in
            try Self.seedFunds(api)
            var expected: [String: [Int]] = [:]
            for (index, (fund, donor)) in [("GAZA", "Rennes"), ("VIETNAM", "Rennes"), ("VIETNAM", "Cergy"),
                                           ("VIETNAM", "Liffré"), ("GAZA", "Cergy"), ("VIETNAM", "Rennes"),
                                           ("VIETNAM", "Cergy")].enumerated() {
                let body = #"{"fund": "\#(fund)", "donor": "\#(donor)", "amount_cents": \#(100 * (index + 1)), "pledged_on": "2026-01-1\#(index)"}"#
                let response = try await api.post("/v1/pledges", body)
                let id = try #require(response.json["id"] as? Int, "\(response)")
                expected[fund, default: []].append(id)
                expected[donor, default: []].append(id)
                expected["all", default: []].append(id)
            }
            #expect(try await api.walk("/v1/pledges", limit: 3).ids == expected["all"])
            #expect(try await api.walk("/v1/pledges", limit: 3).pages == [3, 3, 1])
            #expect(try await api.walk("/v1/pledges?fund=VIETNAM", limit: 2).ids == expected["VIETNAM"])
            #expect(try await api.walk("/v1/pledges?donor=CERGY", limit: 2).ids == expected["Cergy"])
            let both = try await api.walk("/v1/pledges?fund=GAZA&donor=Rennes", limit: 5).ids
            #expect(both == expected["GAZA"]!.filter { expected["Rennes"]!.contains($0) })
            let unknown = try await api.get("/v1/pledges?fund=GAZZA")
            expectProblem(unknown, .notFound, field: "fund")
            #expect((unknown.json["suggestions"] as? [String])?.contains("GAZA") == true, "\(unknown)")
            expectProblem(try await api.get("/v1/pledges?donor=Renes"), .notFound, field: "donor")
        }
    }

    @Test func badAmountsDatesAndNamesAreRefusedWithTheirField() async throws {
        try await APIServer.with { api in
            try Self.seedFunds(api)
            let before = try api.snapshot()
            func pledge(_ amount: String, fund: String = "GAZA", donor: String = "Rennes", on: String = "2026-02-03") -> String {
                #"{"fund": "\#(fund)", "donor": "\#(donor)", "amount_cents": \#(amount), "pledged_on": "\#(on)"}"#
            }
            for amount in ["0", "-5"] {
                expectProblem(try await api.post("/v1/pledges", pledge(amount)), .unprocessableContent, field: "amount_cents")
            }
            expectProblem(try await api.post("/v1/pledges", pledge("100000000000001")), .unprocessableContent, field: "amount_cents")
            for amount in [#""12""#, "1e30", "99999999999999999999", "12.5", "null", "true"] {
                expectProblem(try await api.post("/v1/pledges", pledge(amount)), .badRequest, field: "amount_cents")
            }
            let unknownFund = try await api.post("/v1/pledges", pledge("100", fund: "GAZ"))
            expectProblem(unknownFund, .notFound, field: "fund")
            #expect(unknownFund.json["suggestions"] as? [String] == ["GAZA"], "\(unknownFund)")
            let unknownDonor = try await api.post("/v1/pledges", pledge("100", donor: "Rene"))
            expectProblem(unknownDonor, .notFound, field: "donor")
            #expect((unknownDonor.json["suggestions"] as? [String])?.contains("Rennes") == true, "\(unknownDonor)")
            for date in ["2026-02-30", "2026-13-01", "demain", "1850-01-01"] {
                expectProblem(try await api.post("/v1/pledges", pledge("100", on: date)), .unprocessableContent, field: "pledged_on")
            }
            expectProblem(try await api.post("/v1/pledges", #"{"fund": "GAZA", "amount_cents": 100}"#), .badRequest, field: "donor")
            expectProblem(try await api.post("/v1/pledges", #"{"fund": "GAZA", "donor": "Rennes"}"#), .badRequest, field: "amount_cents")
            expectProblem(try await api.post("/v1/pledges", #"{"fund": ["GAZA"], "donor": "Rennes", "amount_cents": 1}"#), .badRequest, field: "fund")
            expectProblem(try await api.post("/v1/pledges", #"["GAZA"]"#), .badRequest, field: nil)
            let formula = #"{"fund": "GAZA", "donor": "Rennes", "amount_cents": 100, "reference": "=HYPERLINK(1)"}"#
            expectProblem(try await api.post("/v1/pledges", formula), .unprocessableContent, field: "reference")
            #expect(try api.snapshot() == before)
        }
    }

    @Test func retriesAreIdempotentAndAnotherBodyIsAConflict() async throws {
        try await APIServer.with { api in
            try Self.seedFunds(api)
            let body = #"{"fund": "GAZA", "donor": "Liffré", "amount_cents": 5000, "pledged_on": "2026-02-01"}"#
            let first = try await api.post("/v1/pledges", body, idempotencyKey: "k-1")
            let again = try await api.post("/v1/pledges", body, idempotencyKey: "k-1")
            #expect(first.status == .created)
            #expect(again.status == .created)
            #expect(again.body == first.body)
            #expect(again.headers[.location] == first.headers[.location])
            #expect(try api.count("SELECT count(*) FROM pledges") == 1)
            #expect(try api.count("SELECT count(*) FROM journal_entries") == 1)
            let before = try api.snapshot()
            let other = try await api.post("/v1/pledges", body.replacingOccurrences(of: "5000", with: "5001"), idempotencyKey: "k-1")
            expectProblem(other, .conflict, field: "Idempotency-Key")
            #expect(other.json["code"] as? String == "FL409")
            #expect(!other.body.contains("5000"), "the first request must not leak: \(other)")
            #expect(try api.snapshot() == before)
        }
    }

    @Test func writeOffAndCancel() async throws {
        try await APIServer.with { api in
            try Self.seedFunds(api)
            let (partial, untouched) = try api.seed { store in
                let partial = try store.recordPledge(donor: "Rennes", fund: "GAZA", amount: Money(cents: 10_000), on: try day("2026-01-05"))
                _ = try store.recordContribution(donor: "Rennes", fund: "GAZA", amount: Money(cents: 4_000), on: try day("2026-01-20"))
                let untouched = try store.recordPledge(donor: "Cergy", fund: "GAZA", amount: Money(cents: 7_000), on: try day("2026-01-06"))
                return (partial.id, untouched.id)
            }
            let reason = #"{"reason": "Délibération rapportée", "on": "2026-03-01"}"#
            #expect(try await api.post("/v1/pledges/\(partial)/write-off", reason, as: .reader).status == .forbidden)
            let before = try api.snapshot()
            // Before the pledge was voted: the pledge's state forbids it (FL007).
            expectProblem(try await api.post("/v1/pledges/\(partial)/write-off", #"{"on": "2025-12-31"}"#), .conflict, field: "on")
            expectProblem(try await api.post("/v1/pledges/999/write-off", reason), .notFound, field: "id")
            expectProblem(try await api.post("/v1/pledges/\(partial)/write-off", #"{"on": "2026-02-29"}"#), .unprocessableContent, field: "on")
            #expect(try api.snapshot() == before)

            let writtenOff = try await api.post("/v1/pledges/\(partial)/write-off", reason, idempotencyKey: "w")
            #expect(writtenOff.status == .ok, "\(writtenOff)")
            #expect(writtenOff.json["kind"] as? String == "pledge_write_off")
            #expect(writtenOff.json["recorded_by"] as? String == "api:test-clerk")
            let retried = try await api.post("/v1/pledges/\(partial)/write-off", reason, idempotencyKey: "w")
            #expect(retried.status == .ok)
            #expect(retried.body == writtenOff.body)
            let pledge = try await api.get("/v1/pledges/\(partial)")
            #expect(pledge.json["state"] as? String == "written_off")
            #expect(pledge.json["written_off_cents"] as? Int == 6_000)
            #expect(pledge.json["outstanding_cents"] as? Int == 0)
            // Nothing left to write off; a received pledge cannot be cancelled.
            expectProblem(try await api.post("/v1/pledges/\(partial)/write-off", reason), .conflict, field: nil)
            expectProblem(try await api.post("/v1/pledges/\(partial)/cancel", reason), .conflict, field: nil)

            let cancelled = try await api.post("/v1/pledges/\(untouched)/cancel", #"{"on": "2026-03-02"}"#)
            #expect(cancelled.status == .ok, "\(cancelled)")
            let pledgeEntry = try #require(try await api.get("/v1/pledges/\(untouched)").json["entry_id"] as? Int)
            #expect(cancelled.json["reverses_entry_id"] as? Int == pledgeEntry)
            #expect(try await api.get("/v1/pledges/\(untouched)").json["state"] as? String == "cancelled")
        }
    }
}
