import Ledger
import Postgres
import Reports
import Testing
import TestSupport

@Suite("Thanks paragraph")
struct ThanksParagraphTests {
    @Test func defaultSentenceInEachFormat() throws {
        let names = ["Bondy", "L'Haÿ-les-Roses", "Rennes <&>"]
        let text = try #require(try ThanksParagraph.render(names: names, thanked: .contributors, template: nil,
                                                            audience: "la population gazaouie"))
        #expect(text == "Un grand merci aux 3 collectivités donatrices pour leur engagement et leur solidarité envers la population gazaouie\u{00A0}: Bondy, L\u{2019}Haÿ-les-Roses et Rennes <&>.")
        #expect(ThanksParagraph.contributors(names, audience: "la population gazaouie") == text)
        let markdown = try #require(try ThanksParagraph.render(names: names, thanked: .contributors, template: nil,
                                                                audience: "la population gazaouie", format: .markdown, bold: true))
        #expect(markdown.hasSuffix("\u{00A0}: **Bondy, L\u{2019}Haÿ-les-Roses et Rennes \\<&\\>**."))
        let html = try #require(try ThanksParagraph.render(names: names, thanked: .contributors, template: nil,
                                                            audience: "la population gazaouie", format: .html, bold: true))
        #expect(html.hasSuffix("\u{00A0}: <strong>Bondy, L\u{2019}Haÿ-les-Roses et Rennes &lt;&amp;&gt;</strong>."))
        // Without bold, no markup; plain text never has any.
        #expect(try ThanksParagraph.render(names: names, thanked: .contributors, template: nil, audience: nil,
                                           format: .text, bold: true)?.contains("*") == false)
        #expect(try ThanksParagraph.render(names: [], thanked: .pledgers, template: nil, audience: nil) == nil)
        // One name: the singular.
        #expect(ThanksParagraph.pledgers(["Cergy"])
                == "CUF souhaite d\u{2019}ores et déjà remercier la collectivité qui a confirmé son intérêt à participer à cette initiative\u{00A0}: Cergy.")
    }

    @Test func templatesWithPlaceholdersAndOrdinals() throws {
        let html = try ThanksParagraph.render(names: ["Nancy", "Lille"], thanked: .contributors,
                                              template: "Pour la 2e année, merci aux {count} collectivités & à {audience} : {names} !",
                                              audience: "la population", format: .html)
        #expect(html == "Pour la 2<sup>e</sup> année, merci aux 2 collectivités &amp; à la population\u{00A0}: Nancy et Lille\u{202F}!")
        // {audience} without one: a French error, not a sentence with a hole.
        #expect(throws: ReportError.self) {
            try ThanksParagraph.render(names: ["Nancy"], thanked: .contributors, template: "Merci envers {audience} : {names}.",
                                       audience: nil)
        }
    }

    /// A fund's own sentence agrees with one name through `{singulier|pluriel}`.
    @Test func customTemplatesHaveASingular() throws {
        let template = "Merci à {la collectivité qui a|les {count} collectivités qui ont} répondu : {names}."
        #expect(try ThanksParagraph.render(names: ["Rennes"], thanked: .pledgers, template: template, audience: nil)
                == "Merci à la collectivité qui a répondu\u{00A0}: Rennes.")
        #expect(try ThanksParagraph.render(names: ["Rennes", "Cergy"], thanked: .pledgers, template: template, audience: nil)
                == "Merci à les 2 collectivités qui ont répondu\u{00A0}: Rennes et Cergy.")
        #expect(try ThanksTemplate("{l’|les }élu{|s} : {names}").parts(for: 1) == [.text("l’"), .text("élu"), .text(" : "), .names])
        for bad in ["Merci {a|b|c} : {names}", "Merci {a|{names}} : x", "Merci {a|{audience}} : {names}", "Merci {a|b : {names}"] {
            #expect(throws: InputError.self, "\(bad)") { try ThanksTemplate(bad) }
        }
    }

    @Test func templateCheck() throws {
        #expect(try ThanksTemplate("Merci {count} : {names}.").parts
                == [.text("Merci "), .count, .text(" : "), .names, .text(".")])
        for bad in ["Merci {nom} : {names}", "Merci : {names} {names}", "Merci à tous", "Merci {names", "Merci } {names}",
                    "Merci {Names}", "Merci {} {names}"] {
            #expect(throws: InputError.self, "\(bad)") { try ThanksTemplate(bad) }
        }
        do {
            _ = try ThanksTemplate("Merci {nom} : {names}")
        } catch let error as InputError {
            #expect(error.reason.contains("champ inconnu « {nom} »"))
        }
    }

    /// The database checks templates as the Swift side does, for any writer that calls it directly.
    @Test func theDatabaseRefusesWhatTheTemplateCheckRefuses() throws {
        try TestDatabase.with { database in
            let store = try database.store()
            _ = try store.openFund(code: "GAZA", name: "Fonds Gaza", audience: "la population gazaouie",
                                   openedOn: CalendarDate(iso: "2023-11-01")!)
            for bad in ["Merci {nom} : {names}", "Merci : {names} {names}", "Merci à tous", "Merci {names", "Merci } {names}",
                        "Merci {a|b|c} : {names}", "Merci {a|{names}} : x", "Merci {a|{audience}} : {names}"] {
                #expect(throws: (any Error).self, "\(bad)") {
                    try store.connection.query("SELECT * FROM set_fund_thanks('GAZA', 'contributors', \(bad), 'alphabetical', false)")
                }
            }
            #expect(throws: (any Error).self) {
                try store.connection.query("SELECT * FROM set_fund_thanks('GAZA', 'contributors', NULL, 'random', false)")
            }
            let kept = try store.setFundThanks(code: "gaza", thanked: .contributors,
                                               template: "Merci aux {count} collectivités envers {audience} : {names}.",
                                               order: .firstCommitment, bold: true)
            #expect(kept.order == .firstCommitment && kept.bold && kept.template != nil)
            #expect(try store.reader.fundThanks(fund: "GAZA", thanked: .contributors) == kept)
            #expect(try store.reader.fundThanks(fund: "GAZA", thanked: .pledgers).template == nil)
            let choice = try store.setFundThanks(code: "gaza", thanked: .pledgers,
                                        template: "Merci à {la collectivité qui a|les {count} collectivités qui ont} confirmé : {names}.",
                                        order: .alphabetical, bold: false)
            #expect(choice.template?.contains("{la collectivité qui a|") == true)
            // Back to the default sentence.
            let reset = try store.setFundThanks(code: "GAZA", thanked: .contributors, template: nil, order: .alphabetical, bold: false)
            #expect(reset.template == nil)
        }
    }

    /// First commitment: the earliest pledge or receipt on the fund, whichever came first; a
    /// period keeps that order.
    @Test func firstCommitmentOrder() throws {
        try TestDatabase.with { database in
            let store = try database.store()
            let d = { (iso: String) in CalendarDate(iso: iso)! }
            _ = try store.openFund(code: "GAZA", name: "Fonds Gaza", audience: nil, openedOn: d("2023-11-01"))
            for name in ["Bondy", "Annemasse", "Rennes"] { _ = try store.addDonor(name: name) }
            _ = try store.recordContribution(donor: "Rennes", fund: "GAZA", amount: Money(cents: 10_000), on: d("2026-02-01"))
            _ = try store.recordPledge(donor: "Rennes", fund: "GAZA", amount: Money(cents: 10_000), on: d("2025-12-01"))
            _ = try store.recordContribution(donor: "Bondy", fund: "GAZA", amount: Money(cents: 10_000), on: d("2026-01-05"))
            _ = try store.recordContribution(donor: "Annemasse", fund: "GAZA", amount: Money(cents: 10_000), on: d("2026-01-05"))
            let reader = store.reader
            #expect(try reader.contributors(fund: "GAZA", from: nil, to: nil) == ["Annemasse", "Bondy", "Rennes"])
            // Rennes pledged first; Bondy and Annemasse the same day, in the order recorded.
            #expect(try reader.contributors(fund: "GAZA", from: nil, to: nil, order: .firstCommitment)
                    == ["Rennes", "Bondy", "Annemasse"])
            #expect(try reader.contributors(fund: "GAZA", from: d("2026-01-01"), to: d("2026-01-31"), order: .firstCommitment)
                    == ["Bondy", "Annemasse"])
            #expect(try reader.pledgers(fund: "GAZA", from: nil, to: nil, order: .firstCommitment) == ["Rennes"])
        }
    }
}
