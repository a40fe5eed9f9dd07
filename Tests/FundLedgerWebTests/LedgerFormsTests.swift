import FundLedgerWeb
import Hummingbird
import Ledger
import Postgres
import Testing

/// The donor's page and the pledge, disbursement and reversal forms, through the real server.
/// Each test ends with verify_ledger (WebServer.with).
@Suite(.serialized) struct LedgerFormsTests {
    static let day = CalendarDate(year: 2026, month: 3, day: 2)!

    /// A project of GAZA with a partner and two milestones (tranches 600 and 400); returns the
    /// milestones' ids.
    static func project(_ server: WebServer) throws -> (Int64, Int64) {
        try server.owner { connection in
            let store = LedgerStore(connection: connection, actor: "test")
            _ = try store.addPartner(name: "Al-Awda")
            let project = try store.addProject(fund: "GAZA", partner: "Al-Awda", title: "Puits de Khan Younès",
                                               budget: Money(cents: 100_000))
            let first = try store.addMilestone(project: project.id, title: "Forage", dueOn: day,
                                               tranche: Money(cents: 60_000))
            let second = try store.addMilestone(project: project.id, title: "Pompe", dueOn: day,
                                                tranche: Money(cents: 40_000))
            return (first.id, second.id)
        }
    }

    static func donorID(_ server: WebServer, _ name: String) throws -> Int64 {
        try server.owner { try LedgerReader(connection: $0).donor(named: name).id }
    }

    /// A fund settled by a reallocation and a refund shows both among its movements, with the
    /// agreement, as figures of its own, and offers no reversal of them.
    @Test func aSettledFundShowsItsReallocationAndRefund() async throws {
        try await WebServer.with { server in
            try server.owner { connection in
                let store = LedgerStore(connection: connection, actor: "test")
                _ = try store.openFund(code: "MAROC", name: "Séisme au Maroc", audience: nil, openedOn: Self.day)
                _ = try store.recordContribution(donor: "Écully", fund: "GAZA", amount: Money(cents: 30_000), on: Self.day)
                _ = try store.reallocateFund(from: "GAZA", to: "MAROC", amount: Money(cents: 10_000), on: Self.day,
                                             reference: "AG-<7>", agreedOn: Self.day)
                _ = try store.refundFund("GAZA", amount: Money(cents: 5_000), on: Self.day, reference: "CA-11", agreedOn: Self.day)
            }
            var admin = try await server.signedIn(.admin)
            let gaza = try await admin.get("/app/fonds/GAZA")
            #expect(gaza.status == .ok, "\(gaza)")
            #expect(gaza.body.contains("Réaffectation vers MAROC") && gaza.body.contains("AG-&lt;7&gt; du 2 mars 2026"), "\(gaza.body)")
            #expect(gaza.body.contains("Remboursement aux donateurs") && gaza.body.contains("CA-11"))
            #expect(gaza.body.contains("<dt>Réaffecté à d’autres fonds</dt><dd class=\"num\">100,00\u{00A0}€</dd>"), "\(gaza.body)")
            #expect(gaza.body.contains("<dt>Rendu aux donateurs</dt><dd class=\"num\">50,00\u{00A0}€</dd>"))
            // Only the contribution can be reversed from here.
            #expect(gaza.body.components(separatedBy: ">Contre-passer<").count == 2, "\(gaza.body)")
            let maroc = try await admin.get("/app/fonds/MAROC")
            #expect(maroc.body.contains("Réaffectation depuis GAZA") && maroc.body.contains("<dt>Reçu d’autres fonds</dt>"))
        }
    }

    /// The fund's page lists its 15 latest entries, newest first, contributions and disbursements
    /// mixed; the page reads only that many of each, whatever the fund's history.
    @Test func theFundPageListsItsLatestEntriesNewestFirst() async throws {
        try await WebServer.with { server in
            try server.owner { connection in
                let store = LedgerStore(connection: connection, actor: "test")
                _ = try store.addPartner(name: "Puits", country: "PS")
                let project = try store.addProject(fund: "GAZA", partner: "Puits", title: "Eau")
                for gift in 1...20 {
                    _ = try store.recordContribution(donor: "Écully", fund: "GAZA", amount: Money(cents: 10_000), on: Self.day,
                                                     reference: "VIR-\(gift)")
                    if gift % 7 == 0 {
                        _ = try store.recordDisbursement(project: project.id, amount: Money(cents: 100 + Int64(gift)), on: Self.day,
                                                         reference: "PAIE-\(gift)")
                    }
                }
            }
            var reader = try await server.signedIn(.reader)
            let page = try await reader.get("/app/fonds/GAZA")
            #expect(page.status == .ok, "\(page)")
            // Newest first: PAIE-14 and PAIE-7 are among the 15 latest, gifts 8 to 20 too; gift 7 is the 16th.
            let shown = page.body.components(separatedBy: "Versement reçu").count - 1
            #expect(shown == 13, "\(page.body)")
            let paid14 = try #require(page.body.range(of: "PAIE-14"), "\(page.body)")
            let paid7 = try #require(page.body.range(of: "PAIE-7<"), "\(page.body)")
            #expect(paid14.lowerBound < paid7.lowerBound)
        }
    }

    @Test func theDonorsPageShowsItsStatementWithStatesInFrenchLinkedFromTheFund() async throws {
        try await WebServer.with { server in
            try server.owner { connection in
                let store = LedgerStore(connection: connection, actor: "test")
                _ = try store.recordPledge(donor: "Écully", fund: "GAZA", amount: Money(cents: 150_000), on: Self.day)
                _ = try store.recordContribution(donor: "Écully", fund: "GAZA", amount: Money(cents: 50_000), on: Self.day,
                                                 reference: "VIR-<1>")
            }
            let id = try Self.donorID(server, "Écully")
            var reader = try await server.signedIn(.reader)
            let fund = try await reader.get("/app/fonds/GAZA")
            #expect(fund.body.contains("<a href=\"/app/donateurs/\(id)\">Écully</a>"))
            let page = try await reader.get("/app/donateurs/\(id)")
            #expect(page.status == .ok, "\(page)")
            #expect(page.body.contains("<h1>Écully</h1>"))
            #expect(page.body.contains("1\u{202F}500,00\u{00A0}€"))  // pledged
            #expect(page.body.contains("1\u{202F}000,00\u{00A0}€"))  // still expected
            #expect(page.body.contains("2 mars 2026"))
            #expect(page.body.contains(">en cours<"))  // the pledge's state
            #expect(page.body.contains(">reçu<"))  // the contribution's
            #expect(page.body.contains("VIR-&lt;1&gt;"))
            #expect(page.body.contains("href=\"/app/fonds/GAZA\""))
            let english = try await reader.get("/app/donors/\(id)")
            #expect(english.status == .movedPermanently)
            #expect(english.location == "/app/donateurs/\(id)")
            #expect(try await reader.get("/app/donateurs/999").status == .notFound)
            #expect(try await reader.get("/app/donateurs/abc").status == .notFound)
            var visitor = server.browser()
            #expect(try await visitor.get("/app/donateurs/\(id)").status == .seeOther)
        }
    }

    @Test func theContributionFormShowsThePledgeAContributionWillPayBeforeSaving() async throws {
        try await WebServer.with { server in
            let pledge = try server.owner { connection in
                try LedgerStore(connection: connection, actor: "test")
                    .recordPledge(donor: "Écully", fund: "GAZA", amount: Money(cents: 80_000), on: Self.day,
                                  reference: "Délib. 7").id
            }
            var clerk = try await server.signedIn(.clerk)
            let form = try await clerk.get("/app/fonds/GAZA/versement")
            #expect(form.body.contains(">Écully — paiera d’abord la promesse n°\u{00A0}\(pledge) (reste 800,00\u{00A0}€)</option>"))
            #expect(form.body.contains(">Bondy</option>"))
            #expect(form.body.contains("<table id=\"awaited-pledges\">"))
            #expect(form.body.contains("Délib. 7"))
            let recorded = try await clerk.post("/app/fonds/GAZA/versement",
                                                ContributionFormTests.fields(form, donor: "Écully", amount: "500"))
            #expect(recorded.status == .ok)
            #expect(recorded.body.contains("Dont 500,00\u{00A0}€ imputés sur ses promesses."))
            let text = form.body.replacing(/<[^>]*>/, with: " ")
            #expect(FrenchTypography.violations(in: text).isEmpty, "\(FrenchTypography.violations(in: text))")
        }
    }

    @Test func aClerkRecordsAPledgeAndARefusalKeepsTheTypedValues() async throws {
        try await WebServer.with { server in
            var clerk = try await server.signedIn(.clerk)
            let form = try await clerk.get("/app/fonds/GAZA/promesse")
            #expect(form.status == .ok)
            for id in ["donor", "amount", "date", "reference"] { #expect(form.body.contains("<label for=\"\(id)\">")) }
            var fields = ContributionFormTests.fields(form, donor: "Bondy", amount: "-5", reference: "DELIB-12")
            let refused = try await clerk.post("/app/fonds/GAZA/promesse", fields)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("id=\"amount-refusal\""))
            #expect(refused.value(ofInput: "amount") == "-5")
            #expect(refused.value(ofInput: "reference") == "DELIB-12")
            #expect(refused.body.contains("<option value=\"Bondy\" selected>"))
            fields["amount"] = "2 500"
            let recorded = try await clerk.post("/app/fonds/GAZA/promesse", fields)
            #expect(recorded.status == .ok, "\(recorded)")
            #expect(recorded.body.contains("Promesse de <strong>2\u{202F}500,00\u{00A0}€</strong> de Bondy du 8 juillet 2026"))
            let (pledge, entry) = try server.owner { connection in
                let row = try connection.query("SELECT id, entry_id FROM pledges").single()
                return (try row.decode("id", as: Int64.self), try row.decode("entry_id", as: Int64.self))
            }
            #expect(recorded.body.contains("promesse n°&#160;\(pledge), écriture n°&#160;<strong>\(entry)</strong>"))
            #expect(recorded.body.contains("Enregistrer une autre promesse"))
            // A resent form records once.
            #expect(try await clerk.post("/app/fonds/GAZA/promesse", fields).status == .ok)
            #expect(try server.count("SELECT count(*) AS n FROM pledges") == 1)
            #expect(try server.count("SELECT count(*) AS n FROM journal_entries WHERE recorded_by = 'web:clerk@example.org'") == 1)
            var reader = try await server.signedIn(.reader)
            #expect(try await reader.get("/app/fonds/GAZA/promesse").status == .forbidden)
            // With the reader's own CSRF token: the role is what refuses, not the token.
            let own = try await reader.get("/app")
            let posted = try await reader.post("/app/fonds/GAZA/promesse", ["csrf": own.hidden("csrf") ?? "", "key": "x"])
            #expect(posted.status == .forbidden)
            fields["csrf"] = nil
            #expect(try await clerk.post("/app/fonds/GAZA/promesse", fields).status == .forbidden)
        }
    }

    @Test func aDisbursementAgainstAMilestoneRefusedForWantOfMoneyThenPaid() async throws {
        try await WebServer.with { server in
            let (forage, _) = try Self.project(server)
            try server.owner { connection in
                _ = try LedgerStore(connection: connection, actor: "test")
                    .recordContribution(donor: "Bondy", fund: "GAZA", amount: Money(cents: 100_000), on: Self.day)
            }
            var clerk = try await server.signedIn(.clerk)
            let fund = try await clerk.get("/app/fonds/GAZA")
            #expect(fund.body.contains("href=\"/app/fonds/GAZA/paiement\""))
            let form = try await clerk.get("/app/fonds/GAZA/paiement")
            #expect(form.status == .ok, "\(form)")
            #expect(form.body.contains("<optgroup label=\"Puits de Khan Younès (Al-Awda)\">"))
            #expect(form.body.contains("Forage — tranche 600,00\u{00A0}€ — déjà versé 0,00\u{00A0}€"))
            for id in ["milestone", "amount", "date", "reference"] { #expect(form.body.contains("<label for=\"\(id)\">")) }
            var fields = ["csrf": form.hidden("csrf") ?? "", "key": form.hidden("key") ?? "", "milestone": String(forage),
                          "amount": "1 200", "date": "2026-07-08", "reference": "TR-1"]
            let refused = try await clerk.post("/app/fonds/GAZA/paiement", fields)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("id=\"amount-refusal\">Fonds insuffisants\u{00A0}: le fonds GAZA ne dispose que de 1\u{202F}000,00\u{00A0}€."),
                    "\(refused)")
            #expect(refused.value(ofInput: "amount") == "1 200")
            #expect(refused.body.contains("<option value=\"\(forage)\" selected>"))
            let noMilestone = try await clerk.post("/app/fonds/GAZA/paiement", fields.merging(["milestone": ""]) { $1 })
            #expect(noMilestone.body.contains("id=\"milestone-refusal\""))
            fields["amount"] = "600"
            let paid = try await clerk.post("/app/fonds/GAZA/paiement", fields)
            #expect(paid.status == .ok, "\(paid)")
            let entry = try server.owner { try $0.query("SELECT entry_id FROM disbursements").single().decode("entry_id", as: Int64.self) }
            #expect(paid.body.contains("Paiement de <strong>600,00\u{00A0}€</strong> pour l’étape «&#160;Forage&#160;»"))
            #expect(paid.body.contains("écriture n°&#160;<strong>\(entry)</strong>"))
            #expect(paid.body.contains("Enregistrer un autre paiement"))
            #expect(try await clerk.post("/app/fonds/GAZA/paiement", fields).status == .ok)  // resent: once
            #expect(try server.count("SELECT count(*) AS n FROM disbursements") == 1)
            let again = try await clerk.get("/app/fonds/GAZA/paiement")
            #expect(again.body.contains("Forage — tranche 600,00\u{00A0}€ — déjà versé 600,00\u{00A0}€"))
            var reader = try await server.signedIn(.reader)
            #expect(try await reader.get("/app/fonds/GAZA/paiement").status == .forbidden)
        }
    }

    @Test func anAdminReversesAnEntryFromTheFundPageWithAReason() async throws {
        try await WebServer.with { server in
            let entry = try server.owner { connection in
                try LedgerStore(connection: connection, actor: "test")
                    .recordContribution(donor: "Bondy", fund: "GAZA", amount: Money(cents: 12_345), on: Self.day).entryID
            }
            var clerk = try await server.signedIn(.clerk)
            let clerksFund = try await clerk.get("/app/fonds/GAZA")
            #expect(!clerksFund.body.contains("contre-passation"))
            #expect(try await clerk.get("/app/fonds/GAZA/contre-passation/\(entry)").status == .forbidden)

            var admin = try await server.signedIn(.admin)
            let fund = try await admin.get("/app/fonds/GAZA")
            #expect(fund.body.contains("href=\"/app/fonds/GAZA/contre-passation/\(entry)\""))
            let form = try await admin.get("/app/fonds/GAZA/contre-passation/\(entry)")
            #expect(form.status == .ok, "\(form)")
            #expect(form.body.contains("123,45\u{00A0}€"))
            #expect(form.body.contains("<label for=\"reason\">"))
            var fields = ["csrf": form.hidden("csrf") ?? "", "key": form.hidden("key") ?? "", "reason": "  ",
                          "date": "2026-07-08"]
            let refused = try await admin.post("/app/fonds/GAZA/contre-passation/\(entry)", fields)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("id=\"reason-refusal\""))
            #expect(refused.value(ofInput: "date") == "2026-07-08")
            fields["reason"] = "Virement rejeté par la banque"
            let reversed = try await admin.post("/app/fonds/GAZA/contre-passation/\(entry)", fields)
            #expect(reversed.status == .ok, "\(reversed)")
            let reversal = try server.owner {
                try $0.query("SELECT id FROM journal_entries WHERE reverses_entry_id = \(entry)").single().decode("id", as: Int64.self)
            }
            #expect(reversed.body.contains("contre-passée le 8 juillet 2026 par l’écriture n°&#160;<strong>\(reversal)</strong>"))
            #expect(try await admin.post("/app/fonds/GAZA/contre-passation/\(entry)", fields).status == .ok)  // resent
            #expect(try server.count("SELECT count(*) AS n FROM journal_entries WHERE reverses_entry_id IS NOT NULL") == 1)
            #expect(try server.count("SELECT count(*) AS n FROM journal_entries WHERE recorded_by = 'web:admin@example.org'") == 1)
            // A second reversal from a new form is refused, by the form.
            let second = try await admin.get("/app/fonds/GAZA/contre-passation/\(entry)")
            #expect(second.body.contains("Déjà contre-passée par l’écriture n°&#160;\(reversal)"))
            let refusedAgain = try await admin.post("/app/fonds/GAZA/contre-passation/\(entry)",
                                                    ["csrf": second.hidden("csrf") ?? "", "key": second.hidden("key") ?? "",
                                                     "reason": "encore", "date": "2026-07-08"])
            #expect(refusedAgain.status == .unprocessableContent)
            #expect(refusedAgain.body.contains("id=\"general-refusal\""), "\(refusedAgain)")
            #expect(try await admin.get("/app/fonds/GAZA/contre-passation/99999").status == .notFound)
            let after = try await admin.get("/app/fonds/GAZA")
            #expect(after.body.contains("(contre-passé)"))
        }
    }

    @Test func theNewScreensAreInFrenchTypographyWithALabelForEachInput() async throws {
        try await WebServer.with { server in
            _ = try Self.project(server)
            let entry = try server.owner { connection in
                try LedgerStore(connection: connection, actor: "test")
                    .recordContribution(donor: "Bondy", fund: "GAZA", amount: Money(cents: 10_000), on: Self.day).entryID
            }
            let id = try Self.donorID(server, "Bondy")
            var admin = try await server.signedIn(.admin)
            let pledge = try await admin.get("/app/fonds/GAZA/promesse")
            let pay = try await admin.get("/app/fonds/GAZA/paiement")
            let reverse = try await admin.get("/app/fonds/GAZA/contre-passation/\(entry)")
            let pages = [pledge, pay, reverse, try await admin.get("/app/donateurs/\(id)"),
                         try await admin.get("/app/fonds/GAZA"),
                         try await admin.post("/app/fonds/GAZA/promesse", ContributionFormTests.fields(pledge, amount: "x")),
                         try await admin.post("/app/fonds/GAZA/paiement",
                                              ["csrf": pay.hidden("csrf") ?? "", "key": "k", "amount": "", "date": "hier"]),
                         try await admin.post("/app/fonds/GAZA/contre-passation/\(entry)",
                                              ["csrf": reverse.hidden("csrf") ?? "", "key": "k", "reason": "", "date": ""])]
            for page in pages {
                #expect(page.body.hasPrefix("<!DOCTYPE html>\n<html lang=\"fr\">"))
                let text = page.body.replacing(/<[^>]*>/, with: " ")
                #expect(FrenchTypography.violations(in: text).isEmpty, "\(FrenchTypography.violations(in: text)): \(text)")
                for match in page.body.matches(of: /<(?:input|select) id="([a-z]+)"/) {
                    #expect(page.body.contains("<label for=\"\(match.output.1)\">"), "no label for \(match.output.1)")
                }
            }
        }
    }
}
