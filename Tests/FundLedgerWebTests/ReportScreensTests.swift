import FundLedgerWeb
import Hummingbird
import Ledger
import Postgres
import Testing

/// The thanks paragraph and the quarterly report's screens, through the real server.
@Suite(.serialized) struct ReportScreensTests {
    static let day = CalendarDate(year: 2026, month: 2, day: 10)!

    static func gifts(_ server: WebServer) throws {
        try server.owner { connection in
            let store = LedgerStore(connection: connection, actor: "test")
            _ = try store.recordContribution(donor: "Écully", fund: "GAZA", amount: Money(cents: 100_000), on: day)
            _ = try store.recordContribution(donor: "Bondy", fund: "GAZA", amount: Money(cents: 50_000), on: day)
            _ = try store.addDonor(name: "<b>Sète</b>")
            _ = try store.recordPledge(donor: "<b>Sète</b>", fund: "GAZA", amount: Money(cents: 70_000), on: day)
            _ = try store.setFundThanks(code: "GAZA", thanked: .contributors, template: nil, order: .alphabetical, bold: true)
        }
    }

    @Test func theThanksParagraphInHTMLWithBoldACopyButtonAndBoxesToCopyByHand() async throws {
        try await WebServer.with { server in
            var reader = try await server.signedIn(.reader)
            let empty = try await reader.get("/app/fonds/GAZA/remerciements")
            #expect(empty.status == .ok)
            #expect(empty.body.contains("Personne à remercier"))
            try Self.gifts(server)
            let fund = try await reader.get("/app/fonds/GAZA")
            #expect(fund.body.contains("href=\"/app/fonds/GAZA/remerciements\""))
            let page = try await reader.get("/app/fonds/GAZA/remerciements")
            #expect(page.status == .ok, "\(page)")
            #expect(page.body.contains("<div class=\"thanks\" id=\"thanks-html\">"))
            #expect(page.body.contains("<strong>Bondy et Écully</strong>"), "\(page)")
            #expect(page.body.contains("<button type=\"button\" id=\"copy-thanks\" hidden>"))
            #expect(page.body.contains("<script src=\"/app/copy.js\" defer></script>"))
            #expect(page.body.contains("<label for=\"thanks-source\">"))
            #expect(page.body.contains("&lt;strong&gt;Bondy et Écully&lt;/strong&gt;"))  // the HTML to paste, as text
            #expect(page.body.contains("**Bondy et Écully**"))
            let pledgers = try await reader.get("/app/fonds/GAZA/remerciements?promesses=1")
            #expect(pledgers.body.contains("&lt;b&gt;Sète&lt;/b&gt;"))
            #expect(!pledgers.body.contains("<b>Sète"))
            let script = try await reader.get("/app/copy.js")
            #expect(script.status == .ok)
            #expect(script.headers[.contentType] == "text/javascript; charset=utf-8")
            #expect(script.body.contains("ClipboardItem"))
            #expect(try await reader.get("/app/fonds/NOPE/remerciements").status == .notFound)
        }
    }

    @Test func theQuarterlyReportPageLinksItsFilesServedWithTheSession() async throws {
        try await WebServer.with { server in
            try Self.gifts(server)
            var reader = try await server.signedIn(.reader)
            let page = try await reader.get("/app/fonds/GAZA/rapport?trimestre=2026-Q1")
            #expect(page.status == .ok, "\(page)")
            #expect(page.body.contains("<option value=\"2026-Q1\" selected>1er trimestre 2026</option>"))
            #expect(page.body.contains("<label for=\"trimestre\">"))
            for link in ["/app/fonds/GAZA/rapport/2026-Q1.html", "/app/fonds/GAZA/rapport/2026-Q1.md",
                         "/app/fonds/GAZA/rapport/2026-Q1.csv", "/app/fonds/GAZA/rapport/2026-Q1.json", "/app/fec/2026"] {
                #expect(page.body.contains("href=\"\(link)\""), "\(link)")
                let file = try await reader.get(link)
                #expect(file.status == .ok, "\(link): \(file)")
            }
            let html = try await reader.get("/app/fonds/GAZA/rapport/2026-Q1.html")
            #expect(html.headers[.contentType] == "text/html; charset=utf-8")
            #expect(html.body.contains("1er trimestre 2026"))
            #expect(html.body.contains("Urgence Gaza"))
            let csv = try await reader.get("/app/fonds/GAZA/rapport/2026-Q1.csv")
            #expect(csv.headers[.contentDisposition] == "attachment; filename=\"gaza-2026-Q1.csv\"")
            let fec = try await reader.get("/app/fec/2026")
            #expect(fec.headers[.contentDisposition]?.contains("FEC20261231") == true)
            #expect(fec.body.hasPrefix("JournalCode"))
            #expect(try await reader.get("/app/fonds/GAZA/rapport/2026-Q9.html").status == .notFound)
            #expect(try await reader.get("/app/fonds/GAZA/rapport/2026-Q1.exe").status == .notFound)
            var visitor = server.browser()
            #expect(try await visitor.get("/app/fonds/GAZA/rapport/2026-Q1.csv").status == .seeOther)
            #expect(try await visitor.get("/app/fec/2026").status == .seeOther)
            // The page in French typography.
            let text = page.body.replacing(/<[^>]*>/, with: " ")
            #expect(FrenchTypography.violations(in: text).isEmpty)
        }
    }
}
