import Ledger
import Postgres
import TestSupport

/// Two funds around the 2026-Q1 / 2026-Q2 boundary: reversals (a contribution, a pledge, a
/// disbursement, a write-off), write-offs, entries on 2026-03-31 and on 2026-04-01, odd cents,
/// and a fund name that needs escaping in HTML.
///
/// Hand-computed figures (checked in the tests besides the independent SQL sums):
/// GAZA 2026-Q1: opening 2 000,00; received 6 200,00 recorded, 400,00 reversed; disbursed 1 500,00;
/// closing 6 300,00; pledged 1 800,00 − 800,00 cancelled; written off 2 000,00; outstanding 300,00;
/// donors Rennes, Liffré, Lille, Nancy (4 new to GAZA, 3 new to the network: Nancy gave to MAROC in 2025).
/// GAZA 2026-Q2: received 250,55; disbursement of 500,00 reversed; write-off of 300,00 reversed.
/// MAROC 2026-Q1: opening 10 000,00; disbursed 1 234,56; closing 8 765,44.
struct ReportDataset {
    let store: LedgerStore
    var milestones: [String: Int64] = [:]
    var gazaName = "Fonds <Gaza> & \"co\""

    static func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }
    static func euros(_ cents: Int64) -> Money { Money(cents: cents) }

    init(_ store: LedgerStore) throws {
        self.store = store
        let d = Self.day
        let m = Self.euros
        _ = try store.openFund(code: "GAZA", name: gazaName, audience: "la population gazaouie", openedOn: d("2023-11-01"))
        _ = try store.openFund(code: "MAROC", name: "Fonds Maroc", audience: "la population marocaine", openedOn: d("2023-09-01"))
        for name in ["Bondy", "Liffré", "Rennes", "Lille", "Nancy"] { _ = try store.addDonor(name: name) }
        _ = try store.addPartner(name: "Super Novae", country: "PS")
        _ = try store.addPartner(name: "Partenaire Maroc", country: "MA")
        let water = try store.addProject(fund: "GAZA", partner: "Super Novae", title: "Eau potable & <citernes>")
        let village = try store.addProject(fund: "MAROC", partner: "Partenaire Maroc", title: "Village A")
        milestones["M1"] = try store.addMilestone(project: water.id, title: "Identification", dueOn: d("2026-02-15"), tranche: m(100_000)).id
        milestones["M2"] = try store.addMilestone(project: water.id, title: "Distribution", dueOn: d("2026-03-31"), tranche: m(50_000)).id
        milestones["M3"] = try store.addMilestone(project: water.id, title: "Rapport", dueOn: d("2026-05-31"), tranche: m(70_000)).id
        milestones["M4"] = try store.addMilestone(project: water.id, title: "Visite", dueOn: d("2026-03-31")).id
        milestones["M5"] = try store.addMilestone(project: village.id, title: "Travaux", dueOn: d("2026-06-30"), tranche: m(123_456)).id

        // 2025: before the quarters under test.
        _ = try store.recordContribution(donor: "Nancy", fund: "MAROC", amount: m(1_000_000), on: d("2025-11-01"), pledge: .none)
        _ = try store.recordPledge(donor: "Rennes", fund: "GAZA", amount: m(500_000), on: d("2025-12-01"), reference: "Délib. 2025-1")
        _ = try store.recordContribution(donor: "Bondy", fund: "GAZA", amount: m(200_000), on: d("2025-12-15"), pledge: .none)

        // 2026-Q1.
        let liffrePledge = try store.recordPledge(donor: "Liffré", fund: "GAZA", amount: m(80_000), on: d("2026-01-05"))
        _ = try store.recordContribution(donor: "Rennes", fund: "GAZA", amount: m(300_000), on: d("2026-01-20"))
        _ = try store.cancelPledge(liffrePledge.id, reason: "délibération retirée", on: d("2026-02-01"))
        _ = try store.recordContribution(donor: "Liffré", fund: "GAZA", amount: m(150_000), on: d("2026-02-01"))
        let nancyWrong = try store.recordContribution(donor: "Nancy", fund: "GAZA", amount: m(40_000), on: d("2026-02-10"),
                                                      reference: "VIR-ERREUR")
        _ = try store.recordDisbursement(project: water.id, milestone: milestones["M1"], amount: m(100_000), on: d("2026-02-12"))
        _ = try store.achieveMilestone(milestones["M1"]!, on: d("2026-02-10"))
        _ = try store.recordContribution(donor: "Nancy", fund: "GAZA", amount: m(60_000), on: d("2026-03-01"))
        _ = try store.reverseEntry(nancyWrong.entryID, reason: "virement d'un autre fonds", on: d("2026-03-15"))
        // The quarter's last day.
        let lillePledge = try store.recordPledge(donor: "Lille", fund: "GAZA", amount: m(100_000), on: d("2026-03-31"))
        _ = try store.recordContribution(donor: "Lille", fund: "GAZA", amount: m(70_000), on: d("2026-03-31"))
        let rennesPledge = try store.reader.pledges(fund: "GAZA", donor: "Rennes")[0]
        _ = try store.writeOffPledge(rennesPledge.id, reason: "solde non voté", on: d("2026-03-31"))
        let wrongTranche = try store.recordDisbursement(project: water.id, milestone: milestones["M2"], amount: m(50_000),
                                                        on: d("2026-03-31"))
        _ = try store.recordDisbursement(project: village.id, milestone: milestones["M5"], amount: m(123_456), on: d("2026-03-31"))

        // 2026-Q2, from its first day.
        _ = try store.reverseEntry(wrongTranche.entryID, reason: "tranche versée trop tôt", on: d("2026-04-01"))
        _ = try store.recordContribution(donor: "Bondy", fund: "GAZA", amount: m(25_055), on: d("2026-04-01"))
        _ = try store.achieveMilestone(milestones["M4"]!, on: d("2026-04-01"))
        let writeOff = try store.writeOffPledge(lillePledge.id, reason: "abandon", on: d("2026-04-01"))
        _ = try store.reverseEntry(writeOff.id, reason: "abandon prématuré", on: d("2026-04-02"))
    }
}

/// A sum in cents from an SQL statement written by the test (NULL is 0).
func cents(_ connection: PostgresConnection, _ query: PostgresQuery) throws -> Int64 {
    try connection.query(query).single().decode(Int64?.self, at: 0) ?? 0
}
