import Foundation
import HTTPTypes
import Ledger
import Postgres
import Reports
import Testing
import TestSupport

/// The report routes answer what the `Reports` module renders for the same input (called here
/// directly, as the CLI calls it), in the format `Accept` picks, with its content type.
@Suite struct ReportRoutesTests {
    static let formats: [(accept: String, contentType: String)] = [
        ("application/json", "application/json; charset=utf-8"),
        ("text/markdown", "text/markdown; charset=utf-8"),
        ("text/html", "text/html; charset=utf-8"),
        ("text/csv", "text/csv; charset=utf-8; header=present"),
    ]

    /// Every format of `path`: status, content type, `Vary`, and the body `expected` renders.
    func expectEveryFormat(_ api: APIServer, _ path: String, _ expected: (String) throws -> String) async throws {
        for format in Self.formats {
            let response = try await api.get(path, accept: format.accept)
            #expect(response.status == .ok, "\(path) \(format.accept): \(response)")
            #expect(response.contentType == format.contentType, "\(path) \(format.accept)")
            #expect(response.headers[HTTPField.Name("Vary")!] == "Accept")
            #expect(response.body == (try expected(format.accept)), "\(path) \(format.accept)")
        }
        // No Accept, or anything: JSON.
        #expect(try await api.get(path).body == (try expected("application/json")))
        #expect(try await api.get(path, accept: "*/*").contentType == "application/json; charset=utf-8")
    }

    @Test func quarterlyReportInEveryFormat() async throws {
        try await APIServer.with { api in
            _ = try ReportLedger(api.database.store())
            let owner = try api.database.connect()
            defer { owner.close() }
            for fund in ["GAZA", nil] {
                let report = try QuarterlyReportQuery(connection: owner).report(quarter: Quarter(parsing: "2026-Q1")!, fund: fund)
                try await expectEveryFormat(api, "/v1/reports/quarterly?quarter=2026-Q1" + (fund.map { "&fund=\($0)" } ?? "")) { accept in
                    switch accept {
                    case "application/json": QuarterlyReportJSON.render(report)
                    case "text/markdown": QuarterlyNewsletterMarkdown.render(report)
                    case "text/html": QuarterlyNewsletterHTML.render(report)
                    default: QuarterlyReportCSV.render(report)
                    }
                }
                // The internal sheet on demand.
                let path = "/v1/reports/quarterly?quarter=2026-Q1&detail=true" + (fund.map { "&fund=\($0)" } ?? "")
                #expect(try await api.get(path, accept: "text/markdown").body == QuarterlyReportMarkdown.render(report))
                #expect(try await api.get(path, accept: "text/html").body == QuarterlyReportHTML.render(report))
            }
            #expect(try await api.get("/v1/reports/quarterly?quarter=2026-Q1&detail=maybe").status == .badRequest)
            let json = try await api.get("/v1/reports/quarterly?quarter=2026-Q1&fund=GAZA").json
            let total = try #require(json["total"] as? [String: Any])
            #expect(total["received_cents"] as? Int == 300_000 + 250_000)  // the reversed gift nets out
        }
    }

    @Test func quarterlyReportRefusals() async throws {
        try await APIServer.with { api in
            _ = try ReportLedger(api.database.store())
            #expect(try await api.get("/v1/reports/quarterly").status == .badRequest)
            let bad = try await api.get("/v1/reports/quarterly?quarter=2026-Q5")
            #expect(bad.status == .badRequest)
            #expect(bad.json["field"] as? String == "quarter")
            let unknown = try await api.get("/v1/reports/quarterly?quarter=2026-Q1&fund=GAZAA")
            #expect(unknown.status == .notFound, "\(unknown)")
            #expect(unknown.contentType == "application/problem+json")
            #expect(unknown.json["field"] as? String == "fund")
            #expect((unknown.json["suggestions"] as? [String])?.contains("GAZA") == true)
        }
    }

    @Test func milestoneReportInEveryFormat() async throws {
        try await APIServer.with { api in
            _ = try ReportLedger(api.database.store())
            let owner = try api.database.connect()
            defer { owner.close() }
            let report = try MilestoneReportQuery(connection: owner).report(asOf: ReportLedger.day("2026-03-31"), fund: "GAZA")
            try await expectEveryFormat(api, "/v1/reports/milestones?fund=GAZA&as_of=2026-03-31") { accept in
                switch accept {
                case "application/json": report.render(as: .json)
                case "text/markdown": report.render(as: .markdown)
                case "text/html": MilestoneReportHTML.render(report)
                default: report.render(as: .csv)
                }
            }
            let rows = try #require(try JSONSerialization.jsonObject(
                with: Data(try await api.get("/v1/reports/milestones?as_of=2026-03-31").body.utf8)) as? [[String: Any]])
            #expect(rows.map { $0["status"] as? String } == ["achieved", "late"])
            let html = try await api.get("/v1/reports/milestones?as_of=2026-03-31", accept: "text/html").body
            #expect(html.contains("Eau potable &amp; &lt;citernes&gt;"))
            #expect(!html.contains("<citernes>"))
        }
    }

    @Test func donorStatementInEveryFormat() async throws {
        try await APIServer.with { api in
            let ledger = try ReportLedger(api.database.store())
            let owner = try api.database.connect()
            defer { owner.close() }
            for year in [nil, 2026] {
                let statement = try DonorStatementQuery(connection: owner).statement(donor: "Rennes", year: year)
                let path = "/v1/donors/\(ledger.rennes)/statement" + (year.map { "?year=\($0)" } ?? "")
                try await expectEveryFormat(api, path) { accept in
                    switch accept {
                    case "application/json": DonorStatementRenderer.render(statement, as: .json)
                    case "text/markdown": DonorStatementRenderer.render(statement, as: .markdown)
                    case "text/html": DonorStatementHTML.render(statement)
                    default: DonorStatementRenderer.render(statement, as: .csv)
                    }
                }
            }
            #expect(try await api.get("/v1/donors/\(ledger.rennes)/statement").json["donor"] as? String == "Rennes")
            #expect(try await api.get("/v1/donors/999999/statement").status == .notFound)
            #expect(try await api.get("/v1/donors/abc/statement").status == .badRequest)
            #expect(try await api.get("/v1/donors/\(ledger.rennes)/statement?year=99").status == .badRequest)
        }
    }

    /// The compte rendu financier: every format as the CLI renders it, its figures recomputed
    /// here from the ledger's contributions and payments, and the refusals.
    @Test func compteRenduInEveryFormat() async throws {
        try await APIServer.with { api in
            let store = try api.database.store()
            let ledger = try ReportLedger(store)
            let owner = try api.database.connect()
            defer { owner.close() }
            let report = try CompteRenduQuery(connection: owner).compteRendu(donor: "Rennes", fund: "GAZA", year: 2026)
            let path = "/v1/donors/\(ledger.rennes)/compte-rendu?fund=GAZA&year=2026"
            try await expectEveryFormat(api, path) { accept in
                switch accept {
                case "application/json": CompteRenduJSON.render(report)
                case "text/markdown": CompteRenduFormat.markdown.render(report)
                case "text/html": CompteRenduFormat.html.render(report)
                default: CompteRenduFormat.csv.render(report)
                }
            }
            // The figures, from the ledger: Rennes paid 3 000 € on 20 January, Bondy 2 500 € on 3
            // February (Nancy's gift was reversed); the fund paid 1 000 € on 12 February, when
            // 5 500 € had been received: Rennes's share is 1 000 × 3 000 / 5 500 = 545,45 € (rounded
            // down; the cent left goes to Bondy, whose remainder 0,545… is larger than 0,454…).
            let json = try await api.get(path).json
            #expect(json["donor"] as? String == "Rennes")
            #expect(json["fund"] as? String == "GAZA")
            #expect(json["year"] as? Int == 2026)
            #expect(json["paid_in_year_cents"] as? Int == 300_000)
            #expect(json["paid_since_opening_cents"] as? Int == 300_000)
            #expect(json["paid_out_in_year_cents"] as? Int == 100_000)
            #expect(json["used_before_year_cents"] as? Int == 0)
            #expect(json["used_in_year_cents"] as? Int == 54_545)
            #expect(json["remaining_cents"] as? Int == 300_000 - 54_545)
            let payments = try #require(json["payments"] as? [[String: Any]])
            #expect(payments.count == 1)
            #expect(payments.first?["paid_on"] as? String == "2026-02-12")
            #expect(payments.first?["milestone"] as? String == "Identification")
            #expect(payments.first?["cancelled"] as? Bool == false)
            #expect(payments.first?["donor_receipts_cents"] as? Int == 300_000)
            #expect(payments.first?["fund_receipts_cents"] as? Int == 550_000)
            #expect(payments.first?["share_cents"] as? Int == 54_545)
            let bondy = try await api.get("/v1/donors/\(ledger.bondy)/compte-rendu?fund=GAZA&year=2026").json
            #expect(bondy["used_in_year_cents"] as? Int == 45_455)  // the two shares make the payment
            let html = try await api.get(path, accept: "text/html").body
            #expect(html.hasPrefix("<!DOCTYPE html>"))
            #expect(html.contains(HTMLText.escape(ReportLedger.gazaName)))
            #expect(!html.contains("<citernes>"))

            // Unknown donor, unknown fund (with suggestions), a donor that paid nothing to the fund,
            // a year before anyone paid, parameters missing or malformed.
            let noDonor = try await api.get("/v1/donors/999999/compte-rendu?fund=GAZA&year=2026")
            #expect(noDonor.status == .notFound, "\(noDonor)")
            #expect(noDonor.contentType == "application/problem+json")
            #expect(noDonor.json["field"] as? String == "id")
            let noFund = try await api.get("/v1/donors/\(ledger.rennes)/compte-rendu?fund=GAZAA&year=2026")
            #expect(noFund.status == .notFound, "\(noFund)")
            #expect(noFund.json["field"] as? String == "fund")
            #expect((noFund.json["suggestions"] as? [String])?.contains("GAZA") == true)
            let nothing = try await api.get("/v1/donors/\(ledger.rennes)/compte-rendu?fund=VIETNAM&year=2026")
            #expect(nothing.status == .unprocessableContent, "\(nothing)")
            #expect(nothing.json["type"] as? String == "/problems/no-compte-rendu")
            let before = try await api.get("/v1/donors/\(ledger.rennes)/compte-rendu?fund=GAZA&year=2025")
            #expect(before.status == .unprocessableContent, "\(before)")
            #expect(before.json["field"] as? String == "year")
            for bad in ["fund=GAZA", "year=2026", "fund=GAZA&year=99", "fund=GAZA&year=deux"] {
                let response = try await api.get("/v1/donors/\(ledger.rennes)/compte-rendu?\(bad)")
                #expect(response.status == .badRequest, "\(bad): \(response)")
            }
            #expect(try await api.get("/v1/donors/abc/compte-rendu?fund=GAZA&year=2026").status == .badRequest)
            #expect(try await api.get(path, accept: "image/png").status == .notAcceptable)
            #expect(try await api.get(path, as: .reader).status == .ok)
            #expect(try await api.get(path, as: nil).status == .unauthorized)
            #expect(try ledgerProblems(store).isEmpty)
        }
    }

    @Test func thanksParagraphs() async throws {
        try await APIServer.with { api in
            _ = try ReportLedger(api.database.store())
            let owner = try api.database.connect()
            defer { owner.close() }
            let reader = LedgerReader(connection: owner)
            let givers = try reader.contributors(fund: "GAZA", from: nil, to: nil)
            let paragraph = try #require(ThanksParagraph.contributors(givers, audience: "la population gazaouie"))
            let json = try await api.get("/v1/funds/GAZA/thanks")
            #expect(json.status == .ok, "\(json)")
            #expect(json.json["paragraph"] as? String == paragraph)
            #expect(json.json["names"] as? [String] == ["Bondy", "Rennes"])  // the reversed gift thanks nobody
            #expect(json.json["from"] == nil)
            let markdown = try await api.get("/v1/funds/GAZA/thanks", accept: "text/markdown")
            #expect(markdown.body == paragraph + "\n")
            #expect(markdown.contentType == "text/markdown; charset=utf-8")

            let pledgers = try reader.pledgers(fund: "VIETNAM", from: nil, to: nil)
            let pledged = try await api.get("/v1/funds/VIETNAM/thanks?pledged=true", accept: "text/plain")
            #expect(pledged.body == ThanksParagraph.pledgers(pledgers)! + "\n")
            #expect(pledged.body.contains("Cergy et Liffré"))
            let html = try await api.get("/v1/funds/GAZA/thanks", accept: "text/html").body
            #expect(html.contains("<p class=\"thanks\">\(HTMLText.escape(paragraph))</p>"))
            let csv = try await api.get("/v1/funds/GAZA/thanks", accept: "text/csv")
            #expect(csv.body == "name\nBondy\nRennes\n")

            // Nobody gave to VIETNAM; nobody in a period; an unknown fund.
            let nobody = try await api.get("/v1/funds/VIETNAM/thanks")
            #expect(nobody.status == .notFound)
            #expect(nobody.json["type"] as? String == "/problems/nobody-to-thank")
            let period = try await api.get("/v1/funds/GAZA/thanks?from=2026-02-01&to=2026-02-28")
            #expect(period.json["names"] as? [String] == ["Bondy"])
            #expect(period.json["from"] as? String == "2026-02-01")
            #expect(try await api.get("/v1/funds/GAZA/thanks?from=2026-03-01&to=2026-02-01").status == .unprocessableContent)
            #expect(try await api.get("/v1/funds/NOPE/thanks").status == .notFound)
        }
    }

    /// The fund's stored sentence, order and bold; `order` and `bold` override them.
    @Test func thanksWithTheFundsSentenceOrderAndBold() async throws {
        try await APIServer.with { api in
            let store = try api.database.store()
            _ = try ReportLedger(store)
            // Nancy came forward first, before Cergy and Liffré.
            _ = try store.recordPledge(donor: "Nancy", fund: "VIETNAM", amount: Money(cents: 10_000),
                                       on: CalendarDate(iso: "2026-01-08")!)
            _ = try store.setFundThanks(
                code: "VIETNAM", thanked: .pledgers,
                template: "CUF souhaite d'ores et déjà remercier les collectivités qui ont confirmé leur intérêt à participer à cette initiative, ainsi que la confiance qu'elles nous accordent : {names}.",
                order: .firstCommitment, bold: true)
            let sentence = "CUF souhaite d\u{2019}ores et déjà remercier les collectivités qui ont confirmé leur intérêt à participer à cette initiative, ainsi que la confiance qu\u{2019}elles nous accordent\u{00A0}: "
            let json = try await api.get("/v1/funds/VIETNAM/thanks?pledged=true")
            #expect(json.status == .ok, "\(json)")
            #expect(json.json["order"] as? String == "first-commitment")
            #expect(json.json["names"] as? [String] == ["Nancy", "Cergy", "Liffré"])
            #expect(json.json["paragraph"] as? String == sentence + "Nancy, Cergy et Liffré.")
            let markdown = try await api.get("/v1/funds/VIETNAM/thanks?pledged=true", accept: "text/markdown")
            #expect(markdown.body == sentence + "**Nancy, Cergy et Liffré**.\n")
            let html = try await api.get("/v1/funds/VIETNAM/thanks?pledged=true", accept: "text/html").body
            #expect(html.contains("<p class=\"thanks\">\(sentence)<strong>Nancy, Cergy et Liffré</strong>.</p>"))
            let plain = try await api.get("/v1/funds/VIETNAM/thanks?pledged=true&order=alphabetical&bold=false",
                                          accept: "text/markdown")
            #expect(plain.body == sentence + "Cergy, Liffré et Nancy.\n")
            let bad = try await api.get("/v1/funds/VIETNAM/thanks?pledged=true&order=random")
            #expect(bad.status == .badRequest)
            #expect(try await api.get("/v1/funds/VIETNAM/thanks?bold=maybe").status == .badRequest)
        }
    }

    @Test func htmlIsEscaped() async throws {
        try await APIServer.with { api in
            _ = try ReportLedger(api.database.store())
            let html = try await api.get("/v1/reports/quarterly?quarter=2026-Q1", accept: "text/html").body
            #expect(html.contains(HTMLText.escape(ReportLedger.gazaName)))
            #expect(!html.contains("<Gaza>"))
            let page = try await api.get("/v1/funds/GAZA/thanks", accept: "text/html").body
            #expect(page.hasPrefix("<!DOCTYPE html>"))
        }
    }

    @Test func unacceptableAcceptIs406() async throws {
        try await APIServer.with { api in
            _ = try ReportLedger(api.database.store())
            for path in ["/v1/reports/quarterly?quarter=2026-Q1", "/v1/reports/milestones", "/v1/funds/GAZA/thanks",
                         "/v1/exports/fec?year=2026"] {
                let response = try await api.get(path, accept: "image/png")
                #expect(response.status == .notAcceptable, "\(path): \(response)")
                #expect(response.contentType == "application/problem+json")
                #expect(response.json["type"] as? String == "/problems/not-acceptable")
            }
            let detail = try await api.get("/v1/reports/milestones", accept: "application/xml").json["detail"] as? String ?? ""
            for offered in ["application/json", "text/markdown", "text/html", "text/csv"] { #expect(detail.contains(offered)) }
            // q-values over HTTP too.
            let csv = try await api.get("/v1/reports/milestones", accept: "text/html;q=0.4, text/csv;q=0.9")
            #expect(csv.contentType == "text/csv; charset=utf-8; header=present")
        }
    }

    @Test func fecExportIsTheCLIsFile() async throws {
        try await APIServer.with { api in
            _ = try ReportLedger(api.database.store())
            let owner = try api.database.connect()
            defer { owner.close() }
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fec-test-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            var export = try FECExport(connection: owner, year: 2026, siren: "123456789")
            export.encoding = .utf8
            let summary = try export.write(toDirectory: folder.path)
            let expected = try String(contentsOfFile: summary.path, encoding: .utf8)

            let response = try await api.get("/v1/exports/fec?year=2026&siren=123456789&encoding=utf-8")
            #expect(response.status == .ok, "\(response)")
            #expect(response.contentType == "text/plain; charset=utf-8")
            // ISO 8859-15 by default, and said so.
            #expect(try await api.get("/v1/exports/fec?year=2026&siren=123456789").contentType == "text/plain; charset=iso-8859-15")
            #expect(try await api.get("/v1/exports/fec?year=2026&encoding=ebcdic").status == .badRequest)
            #expect(response.headers[.contentDisposition] == "attachment; filename=\"123456789FEC20261231.txt\"")
            #expect(response.body == expected)
            #expect(response.body.hasPrefix(FECExport.columns.joined(separator: "\t") + "\n"))
            #expect(response.body.split(separator: "\n").count == summary.lines + 1)

            // No SIREN given nor set: refused, the FEC needs the association's.
            let missing = try await api.get("/v1/exports/fec?year=2026")
            #expect(missing.status == .unprocessableContent && missing.body.contains("SIREN"), "\(missing)")
            _ = try api.database.store().setOrganisation(.siren, to: "775663438")
            let stored = try await api.get("/v1/exports/fec?year=2026")
            #expect(stored.headers[.contentDisposition] == "attachment; filename=\"775663438FEC20261231.txt\"")
            #expect(try await api.get("/v1/exports/fec").status == .badRequest)
            #expect(try await api.get("/v1/exports/fec?year=2026&siren=12").status == .badRequest)
            // Nothing left behind in the temporary folder (removed once the body is sent: allow
            // the server a moment after the client has read it).
            var left: [String] = []
            for _ in 0..<50 {
                left = try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory())
                    .filter { $0.hasPrefix("fundledger-fec-") }
                if left.isEmpty { break }
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(left.isEmpty, "\(left)")
        }
    }

    @Test func readersReadReportsButDoNotImport() async throws {
        try await APIServer.with { api in
            let ledger = try ReportLedger(api.database.store())
            for path in ["/v1/reports/quarterly?quarter=2026-Q1", "/v1/reports/milestones", "/v1/funds/GAZA/thanks",
                         "/v1/exports/fec?year=2026&siren=123456782", "/v1/donors/\(ledger.bondy)/statement"] {
                #expect(try await api.get(path, as: .reader).status == .ok, "\(path)")
                #expect(try await api.get(path, as: nil).status == .unauthorized, "\(path)")
            }
            let csv = "date;donateur;fonds;montant;référence\n2026-02-03;Bondy;GAZA;10,00;VIR X\n"
            let refused = try await api.send(.post, "/v1/imports", body: csv, contentType: "text/csv", as: .reader)
            #expect(refused.status == .forbidden)
            #expect(try await api.send(.post, "/v1/imports", body: csv, contentType: "text/csv", as: nil).status == .unauthorized)
        }
    }
}
