import FundLedgerWeb
import Hummingbird
import Ledger
import Postgres
import Testing

/// The contribution form and the pages, through the real server. Each test ends with
/// verify_ledger (WebServer.with).
@Suite(.serialized) struct ContributionFormTests {
    /// The form's fields as a browser posts them, with the page's own CSRF token and key.
    static func fields(_ form: WebResponse, donor: String = "Écully", amount: String = "1 234,56",
                       date: String = "2026-07-08", reference: String = "VIR-1") -> [String: String] {
        ["csrf": form.hidden("csrf") ?? "", "key": form.hidden("key") ?? "", "donor": donor, "amount": amount,
         "date": date, "reference": reference]
    }

    @Test func aClerkRecordsAContributionSeenInFrenchOnTheFundAndDashboardRecordedAsWebUser() async throws {
        try await WebServer.with { server in
            var browser = try await server.signedIn(.clerk)
            let form = try await browser.get("/app/fonds/GAZA/versement")
            #expect(form.status == .ok)
            // Donors in French order: Bondy before Écully (accent ignored), labels on every input.
            let bondy = try #require(form.body.range(of: ">Bondy<"))
            let ecully = try #require(form.body.range(of: ">Écully<"))
            #expect(bondy.lowerBound < ecully.lowerBound)
            for id in ["donor", "amount", "date", "reference"] { #expect(form.body.contains("<label for=\"\(id)\">")) }

            let recorded = try await browser.post("/app/fonds/GAZA/versement", Self.fields(form))
            #expect(recorded.status == .ok)
            #expect(recorded.body.contains("1\u{202F}234,56\u{00A0}€"))
            let entry = try server.owner { try $0.query("SELECT entry_id FROM contributions").single().decode("entry_id", as: Int64.self) }
            #expect(recorded.body.contains("écriture n°&#160;<strong>\(entry)</strong>"))
            #expect(recorded.body.contains("8 juillet 2026"))
            #expect(recorded.body.contains("Enregistrer un autre versement"))
            #expect(try server.count("SELECT count(*) AS n FROM journal_entries WHERE recorded_by = 'web:clerk@example.org'") == 1)

            let fund = try await browser.get("/app/fonds/GAZA")
            #expect(fund.body.contains("Écully"))
            #expect(fund.body.contains("1\u{202F}234,56\u{00A0}€"))
            #expect(fund.body.contains("n°&#160;\(entry)"))
            let dashboard = try await browser.get("/app")
            #expect(dashboard.body.contains("1\u{202F}234,56\u{00A0}€"))
            #expect(dashboard.body.contains("<svg class=\"fund-bar\""))
        }
    }

    static func post(_ browser: Browser, _ path: String, _ fields: [String: String]) async throws -> WebResponse {
        var browser = browser
        return try await browser.post(path, fields)
    }

    @Test func aDoubleSubmitRecordsOnce() async throws {
        try await WebServer.with { server in
            var browser = try await server.signedIn(.clerk)
            let form = try await browser.get("/app/fonds/GAZA/versement")
            let fields = Self.fields(form, amount: "50")
            let (one, two) = (browser, browser)  // the same browser, clicking twice
            async let first = Self.post(one, "/app/fonds/GAZA/versement", fields)
            async let second = Self.post(two, "/app/fonds/GAZA/versement", fields)
            let answers = try await [first, second]
            #expect(answers.allSatisfy { $0.status == .ok }, "\(answers)")
            let resent = try await browser.post("/app/fonds/GAZA/versement", fields)  // reload of the result page
            #expect(resent.status == .ok)
            #expect(try server.count("SELECT count(*) AS n FROM contributions") == 1)
            // A new form is a new key: a second contribution of the same amount is recorded (a
            // reference already used in the fund is refused by the ledger, next to its field).
            let another = try await browser.get("/app/fonds/GAZA/versement")
            #expect(another.hidden("key") != form.hidden("key"))
            let sameReference = try await browser.post("/app/fonds/GAZA/versement", Self.fields(another, amount: "50"))
            #expect(sameReference.status == .unprocessableContent)
            #expect(sameReference.body.contains("id=\"reference-refusal\""), "\(sameReference)")
            let secondOne = try await browser.post("/app/fonds/GAZA/versement",
                                                   Self.fields(another, amount: "50", reference: "VIR-2"))
            #expect(secondOne.status == .ok, "\(secondOne)")
            #expect(try server.count("SELECT count(*) AS n FROM contributions") == 2)
        }
    }

    @Test func aRefusedAmountShowsTheFormAgainWithTheTypedValuesAndTheMessageByTheField() async throws {
        try await WebServer.with { server in
            var browser = try await server.signedIn(.admin)
            let form = try await browser.get("/app/fonds/GAZA/versement")
            let refused = try await browser.post("/app/fonds/GAZA/versement",
                                                 Self.fields(form, donor: "Bondy", amount: "12,3,4", date: "08/07/2026",
                                                             reference: "chèque <42>"))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.value(ofInput: "amount") == "12,3,4")
            #expect(refused.value(ofInput: "date") == "08/07/2026")
            #expect(refused.value(ofInput: "reference") == "chèque &lt;42&gt;")
            #expect(refused.body.contains("<option value=\"Bondy\" selected>"))
            #expect(refused.body.contains("id=\"amount-refusal\""))
            #expect(refused.body.contains("aria-describedby=\"amount-refusal\""))
            #expect(refused.hidden("key") == form.hidden("key"))
            // A refusal of the ledger itself (a date it does not accept) lands by its field too.
            let early = try await browser.post("/app/fonds/GAZA/versement", Self.fields(form, date: "2026-02-30"))
            #expect(early.body.contains("id=\"date-refusal\">Ce jour n’existe pas."))
            #expect(try server.count("SELECT count(*) AS n FROM contributions") == 0)
        }
    }

    @Test func aReaderCannotReachTheForm() async throws {
        try await WebServer.with { server in
            var reader = try await server.signedIn(.reader)
            let form = try await reader.get("/app/fonds/GAZA/versement")
            #expect(form.status == .forbidden)
            #expect(form.body.contains("Accès refusé"))
            #expect(!form.body.contains("name=\"amount\""))
            let page = try await reader.get("/app")
            #expect(!page.body.contains("/versement\""))
            let posted = try await reader.post("/app/fonds/GAZA/versement",
                                               ["csrf": page.hidden("csrf") ?? "", "key": "k1", "donor": "Bondy",
                                                "amount": "10", "date": "2026-07-08"])
            #expect(posted.status == .forbidden)
            #expect(try server.count("SELECT count(*) AS n FROM contributions") == 0)
        }
    }

    @Test func aPostWithoutTheSessionsCSRFTokenIsRefused() async throws {
        try await WebServer.with { server in
            var clerk = try await server.signedIn(.clerk)
            let form = try await clerk.get("/app/fonds/GAZA/versement")
            var fields = Self.fields(form)
            fields["csrf"] = nil
            #expect(try await clerk.post("/app/fonds/GAZA/versement", fields).status == .forbidden)
            // The token of another session does not do either.
            var admin = try await server.signedIn(.admin)
            let adminForm = try await admin.get("/app/fonds/GAZA/versement")
            fields["csrf"] = adminForm.hidden("csrf")
            let refused = try await clerk.post("/app/fonds/GAZA/versement", fields)
            #expect(refused.status == .forbidden)
            #expect(refused.body.contains("rechargez la page"))
            // Sign-out and sign-in need theirs as well.
            #expect(try await clerk.post("/app/deconnexion", [:]).status == .forbidden)
            var stranger = server.browser()
            let signIn = try await stranger.post("/app/connexion", ["email": WebServer.email(.clerk), "password": WebServer.password])
            #expect(signIn.status == .forbidden)
            #expect(try server.count("SELECT count(*) AS n FROM contributions") == 0)
            #expect(try await clerk.get("/app").status == .ok)  // still signed in
        }
    }

    @Test func textFromTheDatabaseIsEscaped() async throws {
        try await WebServer.with { server in
            _ = try server.owner { try LedgerStore(connection: $0, actor: "test").addDonor(name: "<script>alert(1)</script>") }
            var browser = try await server.signedIn(.clerk)
            let form = try await browser.get("/app/fonds/GAZA/versement")
            #expect(form.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!form.body.contains("<script>"))
            let recorded = try await browser.post("/app/fonds/GAZA/versement",
                                                  Self.fields(form, donor: "<script>alert(1)</script>", amount: "10"))
            #expect(recorded.status == .ok)
            #expect(!recorded.body.contains("<script>"))
            let fund = try await browser.get("/app/fonds/GAZA")
            #expect(fund.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!fund.body.contains("<script>"))
        }
    }

    @Test func everyScreenIsInFrenchTypographyWithALabelForEachInput() async throws {
        try await WebServer.with { server in
            var visitor = server.browser()
            var pages = [try await visitor.get("/app/connexion"),
                         try await visitor.signIn(email: WebServer.email(.clerk), password: "faux mot de passe")]
            var clerk = try await server.signedIn(.clerk)
            let form = try await clerk.get("/app/fonds/GAZA/versement")
            pages += [try await clerk.get("/app"), try await clerk.get("/app/fonds/GAZA"), form,
                      try await clerk.post("/app/fonds/GAZA/versement", Self.fields(form, amount: "abc", date: "hier")),
                      try await clerk.post("/app/fonds/GAZA/versement", Self.fields(form, reference: "")),
                      try await clerk.get("/app/fonds/NOPE")]
            for page in pages {
                #expect(page.body.hasPrefix("<!DOCTYPE html>\n<html lang=\"fr\">"))
                let text = page.body.replacing(/<[^>]*>/, with: " ")
                #expect(FrenchTypography.violations(in: text).isEmpty, "\(FrenchTypography.violations(in: text)): \(text)")
                // Every visible input has its label.
                for match in page.body.matches(of: /<(?:input|select) id="([a-z]+)"/) {
                    #expect(page.body.contains("<label for=\"\(match.output.1)\">"), "no label for \(match.output.1)")
                }
            }
            #expect(pages[6].body.contains("Versement enregistré"))
            #expect(!pages[6].body.contains("Référence"))  // recorded without a reference: no empty line for it
            #expect(pages[5].body.contains("id=\"amount-refusal\">Montant illisible\u{00A0}: écrivez"))
        }
    }

    @Test func theTemplatesParseAndAnUnknownFundIsA404Page() async throws {
        try await WebServer.with { server in
            var browser = try await server.signedIn(.reader)
            let missing = try await browser.get("/app/fonds/NOPE")
            #expect(missing.status == .notFound)
            #expect(missing.body.contains("Aucun fonds n’a ce code."))
            let css = try await browser.get("/app/style.css")
            #expect(css.status == .ok)
            #expect(css.body.contains("375 px"))
        }
    }
}
