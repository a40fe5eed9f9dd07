import Foundation
import HTTPTypes
import Ledger
import Postgres
import Reports
import Testing

/// Closing the books over HTTP: `/v1/periods` (admin closes, any token reads),
/// `/v1/entries/validate`, `/v1/year-end` and the table of fonds dédiés
/// (`/v1/reports/dedicated-funds`), as the CLI's `period close`, `entry validate` and `year-end`.
@Suite struct ClosingAPITests {
    /// Gaza (opened 2023) and Vietnam (opened 2025), two donors; 2025: a pledge and a receipt
    /// for Gaza, a receipt for Vietnam; 2026: a receipt for Gaza.
    static func seedTwoYears(_ api: APIServer) throws {
        try api.seed { store in
            _ = try store.openFund(code: "GAZA", name: "Fonds Gaza", audience: nil, openedOn: try day("2023-10-20"))
            _ = try store.openFund(code: "VIETNAM", name: "Fonds Vietnam", audience: nil, openedOn: try day("2025-11-10"))
            for name in ["Rennes", "Liffré"] { _ = try store.addDonor(name: name) }
            _ = try store.recordPledge(donor: "Rennes", fund: "GAZA", amount: Money(cents: 300_000), on: try day("2025-03-01"))
            _ = try store.recordContribution(donor: "Rennes", fund: "GAZA", amount: Money(cents: 200_000), on: try day("2025-04-15"))
            _ = try store.recordContribution(donor: "Liffré", fund: "VIETNAM", amount: Money(cents: 50_000), on: try day("2025-12-01"))
            _ = try store.recordContribution(donor: "Liffré", fund: "GAZA", amount: Money(cents: 10_000), on: try day("2026-02-01"))
        }
    }

    @Test func aClosedPeriodRefusesWritesDatedInIt() async throws {
        try await APIServer.with { api in
            try Self.seedTwoYears(api)
            let open = try await api.get("/v1/periods")
            #expect(open.status == .ok, "\(open)")
            #expect(open.json["books_closed_through"] is NSNull, "\(open)")
            #expect((open.json["closures"] as? [Any])?.isEmpty == true)

            let close = #"{"through": "2025-12-31"}"#
            let before = try api.snapshot()
            expectProblem(try await api.post("/v1/periods/close", close, as: .reader), .forbidden, field: nil)
            expectProblem(try await api.post("/v1/periods/close", close, as: .clerk), .forbidden, field: nil)
            expectProblem(try await api.post("/v1/periods/close", close, as: nil), .unauthorized, field: nil)
            expectProblem(try await api.post("/v1/periods/close", #"{"through": "2099-01-01"}"#, as: .admin),
                          .unprocessableContent, field: "through")
            expectProblem(try await api.post("/v1/periods/close", #"{"through": "2025-02-30"}"#, as: .admin),
                          .unprocessableContent, field: "through")
            expectProblem(try await api.post("/v1/periods/close", #"{}"#, as: .admin), .badRequest, field: "through")
            #expect(try api.snapshot() == before)

            let closed = try await api.post("/v1/periods/close", close, as: .admin)
            #expect(closed.status == .created, "\(closed)")
            #expect(closed.headers[.location] == "/v1/periods")
            #expect(closed.json["closed_through"] as? String == "2025-12-31")
            #expect(closed.json["newly_closed"] as? Bool == true)
            let validated = try #require(closed.json["validated"] as? [[String: Any]])
            // 2025: the pledge (OD) and two receipts (BQ); the 2026 receipt is not validated.
            #expect(validated.map { "\($0["journal"]!) \($0["fiscal_year"]!) \($0["count"]!)" }.sorted() == ["BQ 2025 2", "OD 2025 1"],
                    "\(closed)")
            #expect(try api.count("SELECT count(*) FROM entry_validations") == 3)
            #expect(try api.count("SELECT count(*) FROM period_closures WHERE closed_by = 'api:test-admin'") == 1)

            let again = try await api.post("/v1/periods/close", close, as: .admin)
            #expect(again.status == .ok, "\(again)")
            #expect(again.json["newly_closed"] as? Bool == false)
            let earlier = try await api.post("/v1/periods/close", #"{"through": "2025-06-30"}"#, as: .admin)
            expectProblem(earlier, .conflict, field: "through")
            #expect(earlier.json["code"] as? String == "FL018")

            let shown = try await api.get("/v1/periods")
            #expect(shown.json["books_closed_through"] as? String == "2025-12-31", "\(shown)")
            let closures = try #require(shown.json["closures"] as? [[String: Any]])
            #expect(closures.count == 1)
            #expect(closures.first?["closed_by"] as? String == "api:test-admin")
            let funds = try #require(shown.json["funds"] as? [[String: Any]])
            #expect(funds.map { $0["fund"] as? String } == ["GAZA", "VIETNAM"])
            #expect(funds.allSatisfy { $0["books_closed_through"] as? String == "2025-12-31" })

            // Writes dated in the closed period are refused, naming the date of the body.
            let frozen = try api.snapshot()
            let receipt = try await api.post("/v1/contributions",
                                             #"{"fund": "GAZA", "donor": "Rennes", "amount_cents": 1000, "received_on": "2025-12-15"}"#)
            expectProblem(receipt, .conflict, field: "received_on")
            #expect(receipt.json["code"] as? String == "FL018", "\(receipt)")
            #expect(receipt.json["type"] as? String == "/problems/period-closed", "\(receipt)")
            let pledge = try await api.post("/v1/pledges",
                                            #"{"fund": "GAZA", "donor": "Liffré", "amount_cents": 1000, "pledged_on": "2025-12-31"}"#)
            expectProblem(pledge, .conflict, field: "pledged_on")
            #expect(pledge.json["code"] as? String == "FL018")
            let pledgeID = try api.count("SELECT min(id) AS count FROM pledges")
            let writeOff = try await api.post("/v1/pledges/\(pledgeID)/write-off", #"{"reason": "Rapportée", "on": "2025-12-31"}"#)
            expectProblem(writeOff, .conflict, field: "on")
            #expect(writeOff.json["code"] as? String == "FL018", "\(writeOff)")
            #expect(try api.snapshot() == frozen)
            // The open period still takes them.
            let later = try await api.post("/v1/contributions",
                                           #"{"fund": "GAZA", "donor": "Rennes", "amount_cents": 1000, "received_on": "2026-01-02"}"#)
            #expect(later.status == .created, "\(later)")
        }
    }

    @Test func entriesAreValidatedThroughADayAndOnlyOnce() async throws {
        try await APIServer.with { api in
            try Self.seedTwoYears(api)
            let body = #"{"through": "2026-03-31"}"#
            expectProblem(try await api.post("/v1/entries/validate", body, as: .clerk), .forbidden, field: nil)
            expectProblem(try await api.post("/v1/entries/validate", #"{"through": "2999-01-01"}"#, as: .admin),
                          .unprocessableContent, field: "through")
            #expect(try api.count("SELECT count(*) FROM entry_validations") == 0)

            let first = try await api.post("/v1/entries/validate", body, as: .admin)
            #expect(first.status == .ok, "\(first)")
            #expect(first.json["through"] as? String == "2026-03-31")
            #expect(first.json["count"] as? Int == 4)
            let batches = try #require(first.json["validated"] as? [[String: Any]])
            let bank2026 = try #require(batches.first { $0["journal"] as? String == "BQ" && $0["fiscal_year"] as? Int == 2026 })
            #expect(bank2026["first_number"] as? Int == 1)
            #expect(bank2026["last_number"] as? Int == 1)

            let again = try await api.post("/v1/entries/validate", body, as: .admin)
            #expect(again.status == .ok)
            #expect(again.json["count"] as? Int == 0)
            #expect((again.json["validated"] as? [Any])?.isEmpty == true)
            // Validation does not close: the period stays open.
            #expect(try await api.get("/v1/periods").json["books_closed_through"] is NSNull)
        }
    }

    @Test func theYearEndRunsOnceAndSaysSoTheSecondTime() async throws {
        try await APIServer.with { api in
            try Self.seedTwoYears(api)
            let body = #"{"year": 2025}"#
            let before = try api.snapshot()
            expectProblem(try await api.post("/v1/year-end", body, as: .reader), .forbidden, field: nil)
            expectProblem(try await api.post("/v1/year-end", body, as: .clerk), .forbidden, field: nil)
            expectProblem(try await api.post("/v1/year-end", #"{"year": 2026}"#, as: .admin), .unprocessableContent, field: "year")
            expectProblem(try await api.post("/v1/year-end", #"{"year": 99999}"#, as: .admin), .unprocessableContent, field: "year")
            expectProblem(try await api.post("/v1/year-end", #"{"year": "2025"}"#, as: .admin), .badRequest, field: "year")
            #expect(try api.snapshot() == before)

            let first = try await api.post("/v1/year-end", body, as: .admin)
            #expect(first.status == .created, "\(first)")
            #expect(first.headers[.location] == "/v1/reports/dedicated-funds?year=2025")
            #expect(first.json["year"] as? Int == 2025)
            #expect(first.json["already_closed"] as? Bool == false)
            let lines = try #require(first.json["dedicated_funds"] as? [[String: Any]])
            // 2025's resources (the pledge 3 000 € for Gaza, 500 € received for Vietnam), nothing spent.
            #expect(lines.map { $0["fund"] as? String } == ["GAZA", "VIETNAM"], "\(first)")
            #expect(lines.map { $0["added_cents"] as? Int } == [300_000, 50_000], "\(first)")
            #expect(lines.map { $0["closing_cents"] as? Int } == [300_000, 50_000])
            #expect(try api.count("SELECT count(*) FROM journal_entries WHERE kind = 'dedicated_funds'") == 2)

            let afterFirst = try api.snapshot()
            let second = try await api.post("/v1/year-end", body, as: .admin)
            #expect(second.status == .ok, "\(second)")
            #expect(second.json["already_closed"] as? Bool == true)
            #expect((second.json["dedicated_funds"] as? [[String: Any]])?.map { $0["closing_cents"] as? Int } == [300_000, 50_000])
            #expect(try api.snapshot() == afterFirst)

            // The year is closed: nothing more can be dated in it.
            let late = try await api.post("/v1/contributions",
                                          #"{"fund": "GAZA", "donor": "Rennes", "amount_cents": 500, "received_on": "2025-12-31"}"#)
            expectProblem(late, .conflict, field: "received_on")
            #expect(late.json["code"] as? String == "FL018")
            let periods = try await api.get("/v1/periods")
            #expect(periods.json["books_closed_through"] as? String == "2025-12-31")
            #expect(periods.json["year_ends"] as? [Int] == [2025])
        }
    }

    @Test func theTableOfDedicatedFundsInEveryFormat() async throws {
        try await APIServer.with { api in
            try Self.seedTwoYears(api)
            let notYet = try await api.get("/v1/reports/dedicated-funds?year=2025")
            #expect(notYet.status == .ok, "\(notYet)")
            #expect(notYet.json["closed"] as? Bool == false)
            #expect((notYet.json["dedicated_funds"] as? [Any])?.isEmpty == true)
            #expect(try await api.post("/v1/year-end", #"{"year": 2025}"#, as: .admin).status == .created)

            let owner = try api.database.connect()
            defer { owner.close() }
            let lines = try LedgerReader(connection: owner).dedicatedFunds(year: 2025)
            #expect(lines.count == 2)
            let path = "/v1/reports/dedicated-funds?year=2025"
            let expected: [(accept: String, contentType: String, body: String?)] = [
                ("text/markdown", "text/markdown; charset=utf-8", DedicatedFundsTable.render(lines, year: 2025, as: .markdown)),
                ("text/html", "text/html; charset=utf-8", DedicatedFundsTable.html(lines, year: 2025)),
                ("text/csv", "text/csv; charset=utf-8; header=present", DedicatedFundsTable.render(lines, year: 2025, as: .csv)),
                ("application/json", "application/json; charset=utf-8", nil),
            ]
            for format in expected {
                let response = try await api.get(path, accept: format.accept)
                #expect(response.status == .ok, "\(format.accept): \(response)")
                #expect(response.contentType == format.contentType)
                #expect(response.headers[HTTPField.Name("Vary")!] == "Accept")
                if let body = format.body { #expect(response.body == body, "\(format.accept)") }
            }
            #expect(try await api.get(path, accept: "text/markdown").body.contains("Total"))
            let json = try await api.get(path)
            #expect(json.json["closed"] as? Bool == true)
            #expect(json.json["year"] as? Int == 2025)
            let funds = try #require(json.json["dedicated_funds"] as? [[String: Any]])
            #expect(funds.first?["fund"] as? String == "GAZA")
            #expect(funds.first?["opening_cents"] as? Int == 0)
            #expect(funds.first?["transferred_cents"] as? Int == 0)
            #expect(funds.first?["closing_formatted"] as? String == Money(cents: 300_000).french)
            // 2026: what 2025 left is the opening.
            let next = try await api.get("/v1/reports/dedicated-funds?year=2026")
            #expect((next.json["dedicated_funds"] as? [[String: Any]])?.map { $0["opening_cents"] as? Int } == [300_000, 50_000])

            expectProblem(try await api.get("/v1/reports/dedicated-funds"), .badRequest, field: "year")
            expectProblem(try await api.get("/v1/reports/dedicated-funds?year=deux"), .badRequest, field: "year")
            expectProblem(try await api.get(path, accept: "image/png"), .notAcceptable, field: nil)
        }
    }
}
