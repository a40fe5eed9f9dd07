import Ledger
import Postgres
import TestSupport

/// A small ledger for the report routes, written as the database owner: two funds (one whose
/// name needs escaping in HTML, one whose thanks need a pledge), donors, a project with
/// milestones, pledges, contributions (one reversed), a disbursement, across 2026-Q1.
struct ReportLedger {
    static let gazaName = "Fonds <Gaza> & \"co\""
    var bondy: Int64 = 0
    var rennes: Int64 = 0

    static func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }

    init(_ store: LedgerStore) throws {
        let d = Self.day
        _ = try store.openFund(code: "GAZA", name: Self.gazaName, audience: "la population gazaouie", openedOn: d("2023-11-01"))
        _ = try store.openFund(code: "VIETNAM", name: "Fonds Vietnam", audience: nil, openedOn: d("2025-11-10"))
        bondy = try store.addDonor(name: "Bondy").id
        rennes = try store.addDonor(name: "Rennes").id
        for name in ["Liffré", "Cergy", "Nancy"] { _ = try store.addDonor(name: name) }
        _ = try store.addPartner(name: "Super Novae", country: "PS")
        let water = try store.addProject(fund: "GAZA", partner: "Super Novae", title: "Eau potable & <citernes>")
        let first = try store.addMilestone(project: water.id, title: "Identification", dueOn: d("2026-02-15"),
                                           tranche: Money(cents: 100_000))
        _ = try store.addMilestone(project: water.id, title: "Distribution", dueOn: d("2026-03-20"), tranche: Money(cents: 50_000))
        _ = try store.recordPledge(donor: "Rennes", fund: "GAZA", amount: Money(cents: 500_000), on: d("2026-01-05"),
                                   reference: "Délib. 2026-1")
        _ = try store.recordContribution(donor: "Rennes", fund: "GAZA", amount: Money(cents: 300_000), on: d("2026-01-20"))
        _ = try store.recordContribution(donor: "Bondy", fund: "GAZA", amount: Money(cents: 250_000), on: d("2026-02-03"),
                                         reference: "VIR 0203")
        let wrong = try store.recordContribution(donor: "Nancy", fund: "GAZA", amount: Money(cents: 12_345),
                                                 on: d("2026-02-10"), reference: "VIR-ERREUR")
        _ = try store.reverseEntry(wrong.entryID, reason: "virement d'un autre fonds", on: d("2026-03-01"))
        _ = try store.recordDisbursement(project: water.id, milestone: first.id, amount: Money(cents: 100_000), on: d("2026-02-12"))
        _ = try store.achieveMilestone(first.id, on: d("2026-02-10"))
        _ = try store.recordPledge(donor: "Cergy", fund: "VIETNAM", amount: Money(cents: 100_000), on: d("2026-01-10"))
        _ = try store.recordPledge(donor: "Liffré", fund: "VIETNAM", amount: Money(cents: 50_000), on: d("2026-01-12"))
    }
}
