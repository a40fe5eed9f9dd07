import Foundation
import HTTPTypes
import Ledger
import Postgres
import Testing
import TestSupport

/// `POST /v1/imports`: a CSV file over HTTP, the same all-or-nothing import as the CLI.
/// Serialized: one test checks that no temporary file outlives its request.
@Suite(.serialized) struct ImportRoutesTests {
    static let file = """
        date;donateur;fonds;montant;référence
        2026-02-03;Bondy;GAZA;2 500,00;VIR 0203
        03/02/2026;rennes;GAZA;1 000,50 €;VIR 0204
        2026-02-04;Liffré;VIETNAM;300;VIR 0205

        """

    /// Two funds, three donors, a pledge of Rennes to GAZA that the import pays.
    func prepare(_ api: APIServer) throws {
        let store = try api.database.store()
        _ = try store.openFund(code: "GAZA", name: "Fonds Gaza", audience: nil, openedOn: CalendarDate(iso: "2023-11-01")!)
        _ = try store.openFund(code: "VIETNAM", name: "Fonds Vietnam", audience: nil, openedOn: CalendarDate(iso: "2025-11-10")!)
        for name in ["Bondy", "Rennes", "Liffré"] { _ = try store.addDonor(name: name) }
        _ = try store.recordPledge(donor: "Rennes", fund: "GAZA", amount: Money(cents: 60_000), on: CalendarDate(iso: "2026-01-05")!)
    }

    func snapshot(_ api: APIServer) throws -> [String] {
        let owner = try api.database.connect()
        defer { owner.close() }
        return try ledgerSnapshot(owner)
    }

    func contributions(_ api: APIServer) throws -> [String] {
        let owner = try api.database.connect()
        defer { owner.close() }
        return try owner.query("""
            SELECT d.name || '|' || f.code || '|' || c.amount || '|' || c.received_on || '|' || c.reference || '|' || e.recorded_by AS row
              FROM contributions c JOIN donors d ON d.id = c.donor_id JOIN funds f ON f.id = c.fund_id
              JOIN journal_entries e ON e.id = c.entry_id ORDER BY c.id
            """).map { try $0.decode("row", as: String.self) }
    }

    @Test func aPostedFileIsRecordedOnceAndAnsweredAlike() async throws {
        try await APIServer.with { api in
            try prepare(api)
            let posted = try await api.send(.post, "/v1/imports?file_name=banque-fevrier.csv", body: Self.file,
                                            contentType: "text/csv; charset=utf-8")
            #expect(posted.status == .created, "\(posted)")
            #expect(posted.contentType == "application/json; charset=utf-8")
            let id = try #require(posted.json["import_id"] as? Int)
            #expect(posted.headers[.location] == "/v1/imports/\(id)")
            #expect(posted.json["status"] as? String == "imported")
            #expect(posted.json["file_name"] as? String == "banque-fevrier.csv")
            #expect(posted.json["lines"] as? Int == 3)
            #expect(posted.json["total_cents"] as? Int == 250_000 + 100_050 + 30_000)
            #expect((posted.json["recorded_at"] as? String)?.isEmpty == false)
            #expect(try contributions(api) == [
                "Bondy|GAZA|250000|2026-02-03|VIR 0203|api:test-clerk",
                "Rennes|GAZA|100050|2026-02-03|VIR 0204|api:test-clerk",
                "Liffré|VIETNAM|30000|2026-02-04|VIR 0205|api:test-clerk",
            ])
            let owner = try api.database.connect()
            defer { owner.close() }
            // Rennes's line paid its pledge first, as the CLI's import does.
            let outstanding = try owner.query("SELECT outstanding FROM pledge_status").single().decode("outstanding", as: Int64.self)
            #expect(outstanding == 0)

            // The same file again, with an Idempotency-Key and then another: the first answer, nothing written.
            let before = try snapshot(api)
            for key in ["retry-1", "retry-1", "retry-2"] {
                let again = try await api.send(.post, "/v1/imports?file_name=banque-fevrier.csv", body: Self.file,
                                               contentType: "text/csv",
                                               headers: [HTTPField.Name("Idempotency-Key")!: key])
                #expect(again.status == posted.status)
                #expect(again.body == posted.body)
                #expect(again.headers[.location] == posted.headers[.location])
            }
            #expect(try snapshot(api) == before)
            #expect(try contributions(api).count == 3)

            // Its Location answers the same body, to a reader.
            let shown = try await api.get("/v1/imports/\(id)", as: .reader)
            #expect(shown.status == .ok)
            #expect(shown.body == posted.body)
            #expect(try await api.get("/v1/imports/\(id + 1)", as: .reader).status == .notFound)

            // A new file under a new key, then another file under that same key: refused, nothing written.
            let march = Self.file.replacingOccurrences(of: "VIR 02", with: "VIR 03")
            let first = try await api.send(.post, "/v1/imports", body: march, contentType: "text/csv",
                                           headers: [HTTPField.Name("Idempotency-Key")!: "march"])
            #expect(first.status == .created, "\(first)")
            let afterMarch = try snapshot(api)
            let april = Self.file.replacingOccurrences(of: "VIR 02", with: "VIR 04")
            let reused = try await api.send(.post, "/v1/imports", body: april, contentType: "text/csv",
                                            headers: [HTTPField.Name("Idempotency-Key")!: "march"])
            #expect(reused.status == .conflict, "\(reused)")
            #expect(reused.json["code"] as? String == "FL409")
            #expect(try snapshot(api) == afterMarch)
        }
    }

    @Test func aDryRunChecksAndWritesNothing() async throws {
        try await APIServer.with { api in
            try prepare(api)
            let before = try snapshot(api)
            let dry = try await api.send(.post, "/v1/imports?dry_run=true", body: Self.file, contentType: "text/csv")
            #expect(dry.status == .ok, "\(dry)")
            #expect(dry.headers[.location] == nil)
            #expect(dry.json["status"] as? String == "dry_run")
            #expect(dry.json["lines"] as? Int == 3)
            #expect(dry.json["applied_to_pledges_cents"] as? Int == 60_000)
            let funds = try #require(dry.json["funds"] as? [[String: Any]])
            #expect(funds.map { $0["fund"] as? String } == ["GAZA", "VIETNAM"])
            #expect(funds.map { $0["amount_cents"] as? Int } == [350_050, 30_000])
            #expect(try snapshot(api) == before)
            #expect(try contributions(api).isEmpty)
            // Then posted for real: the dry run reserved nothing.
            #expect(try await api.send(.post, "/v1/imports", body: Self.file, contentType: "text/csv").status == .created)
        }
    }

    @Test func badLinesAreListedAndNothingIsWritten() async throws {
        try await APIServer.with { api in
            try prepare(api)
            let before = try snapshot(api)
            let bad = """
                date,donor,fund,amount,reference
                2026-02-03,Bondy,GAZA,"2 500,00",VIR 0203
                2026-02-31,Bondy,GAZA,10,VIR 0206
                2026-02-04,Bondi,GAZA,10,VIR 0207
                2026-02-05,Rennes,GAZA,abc,VIR 0208

                """
            let refused = try await api.send(.post, "/v1/imports", body: bad, contentType: "text/csv")
            #expect(refused.status == .unprocessableContent, "\(refused)")
            #expect(refused.contentType == "application/problem+json")
            #expect(refused.json["type"] as? String == "/problems/import-refused")
            let lines = try #require(refused.json["lines"] as? [[String: Any]])
            #expect(lines.map { $0["line"] as? Int } == [3, 4, 5])
            #expect(lines.map { $0["column"] as? String } == ["date", "donor", "amount"])
            #expect(lines.allSatisfy { ($0["reason"] as? String)?.isEmpty == false })
            #expect((lines[1]["suggestions"] as? [String])?.contains("Bondy") == true)
            #expect(refused.json["lines_total"] as? Int == 3)
            #expect(try snapshot(api) == before)

            // A file with a header and no line, a file without the needed columns.
            let empty = try await api.send(.post, "/v1/imports", body: "date;donor;fund;amount;reference\n", contentType: "text/csv")
            #expect(empty.status == .unprocessableContent, "\(empty)")
            #expect(empty.json["type"] as? String == "/problems/import-unreadable")
            #expect(!(empty.json["detail"] as? String ?? "").contains("fundledger-import"))
            #expect(try snapshot(api) == before)
        }
    }

    @Test func optionsAndContentTypes() async throws {
        // Other processes (another test run) may hold folders of their own there meanwhile.
        let foldersBefore = Set(try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory()))
        try await APIServer.with { api in
            try prepare(api)
            let before = try snapshot(api)
            let wrong = try await api.send(.post, "/v1/imports", body: Self.file, contentType: "application/json")
            #expect(wrong.status == .unsupportedMediaType)
            #expect(wrong.contentType == "application/problem+json")
            #expect(try await api.send(.post, "/v1/imports", body: Self.file, contentType: nil).status == .unsupportedMediaType)
            #expect(try await api.send(.post, "/v1/imports?encoding=ebcdic", body: Self.file, contentType: "text/csv").status == .badRequest)
            #expect(try await api.send(.post, "/v1/imports?delimiter=;;", body: Self.file, contentType: "text/csv").status == .badRequest)
            #expect(try await api.send(.post, "/v1/imports?dry_run=maybe", body: Self.file, contentType: "text/csv").status == .badRequest)
            #expect(try snapshot(api) == before)

            // Latin-1 and a tab delimiter, as a spreadsheet may save them.
            var latin1 = Data("date\tdonor\tfund\tamount\treference\n2026-02-05\tLiffr".utf8)
            latin1.append(0xE9)  // é
            latin1.append(contentsOf: Array("\tVIETNAM\t12,00\tVIR 0301\n".utf8))
            let response = try await api.client.execute(
                uri: "/v1/imports?delimiter=tab&encoding=latin1", method: .post,
                headers: [.authorization: "Bearer \(api.tokens[.clerk]!)", .contentType: "text/csv; charset=iso-8859-1"],
                body: .init(bytes: latin1))
            #expect(response.status == .created, "\(String(buffer: response.body))")
            #expect(try contributions(api) == ["Liffré|VIETNAM|1200|2026-02-05|VIR 0301|api:test-clerk"])

            // No temporary file outlives its request.
            let left = try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory())
                .filter { $0.hasPrefix("fundledger-import-") && !foldersBefore.contains($0) }
            #expect(left.isEmpty, "\(left)")
        }
    }
}
