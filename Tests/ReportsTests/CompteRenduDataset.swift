import Ledger
import Postgres
import TestSupport

/// A small fund for the compte rendu: 3 donors, 2 projects, tranches paid in 2025 and 2026, a
/// contribution and a payment reversed within 2026, a payment of 2025 reversed only in 2026 (still
/// counted at the end of 2025), a payment without milestone, odd cents so shares must be rounded,
/// and names that need escaping in HTML. Figures are illustrative.
struct CompteRenduDataset {
    static let fund = "TURQUIE"
    static let fundName = "Fonds <Turquie> & \"séisme\""
    static let donors = ["Nancy", "Aude", "Meurthe-et-Moselle"]

    let store: LedgerStore

    init(_ store: LedgerStore) throws {
        self.store = store
        func d(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }
        func m(_ cents: Int64) -> Money { Money(cents: cents) }
        _ = try store.openFund(code: Self.fund, name: Self.fundName, audience: "la population turque", openedOn: d("2024-09-01"))
        _ = try store.addDonor(name: "Nancy")
        _ = try store.addDonor(name: "Aude", kind: .departement)
        _ = try store.addDonor(name: "Meurthe-et-Moselle", kind: .departement)
        _ = try store.addPartner(name: "Municipalité de Besni", country: "TR")
        _ = try store.addPartner(name: "TBB", country: "TR")
        let besni = try store.addProject(fund: Self.fund, partner: "Municipalité de Besni", title: "Villes résilientes <Besni>")
        let tbb = try store.addProject(fund: Self.fund, partner: "TBB", title: "Société civile & formation")
        let a1 = try store.addMilestone(project: besni.id, title: "Diagnostic", dueOn: d("2025-03-01"), tranche: m(50_000)).id
        let a2 = try store.addMilestone(project: besni.id, title: "Travaux", dueOn: d("2026-03-01"), tranche: m(70_000)).id
        let a3 = try store.addMilestone(project: besni.id, title: "Clôture", dueOn: d("2026-12-15"), tranche: m(10_000)).id
        let b1 = try store.addMilestone(project: tbb.id, title: "Formation 1", dueOn: d("2025-12-01"), tranche: m(40_001)).id
        let b2 = try store.addMilestone(project: tbb.id, title: "Formation 2", dueOn: d("2026-04-01"), tranche: m(12_345)).id

        // 2025.
        _ = try store.recordContribution(donor: "Nancy", fund: Self.fund, amount: m(100_000), on: d("2025-01-15"), pledge: .none)
        _ = try store.recordContribution(donor: "Aude", fund: Self.fund, amount: m(33_333), on: d("2025-03-01"), pledge: .none)
        _ = try store.recordDisbursement(project: besni.id, milestone: a1, amount: m(50_000), on: d("2025-03-10"))
        _ = try store.recordContribution(donor: "Meurthe-et-Moselle", fund: Self.fund, amount: m(77_777), on: d("2025-11-20"), pledge: .none)
        _ = try store.recordDisbursement(project: tbb.id, milestone: b1, amount: m(40_001), on: d("2025-12-01"))
        // Paid ahead of its milestone, and taken back only in January (money is never dated ahead
        // of today, so the year after is in the past).
        let late = try store.recordDisbursement(project: besni.id, milestone: a3, amount: m(10_000), on: d("2025-12-20"))
        // 2026.
        _ = try store.recordContribution(donor: "Nancy", fund: Self.fund, amount: m(25_000), on: d("2026-01-10"), pledge: .none)
        let wrong = try store.recordContribution(donor: "Aude", fund: Self.fund, amount: m(10_000), on: d("2026-02-01"), pledge: .none)
        _ = try store.reverseEntry(wrong.entryID, reason: "virement en double", on: d("2026-02-05"))
        _ = try store.recordDisbursement(project: besni.id, milestone: a2, amount: m(70_000), on: d("2026-03-03"))
        let early = try store.recordDisbursement(project: tbb.id, milestone: b2, amount: m(12_345), on: d("2026-04-04"))
        _ = try store.reverseEntry(early.entryID, reason: "tranche versée trop tôt", on: d("2026-04-10"))
        _ = try store.recordDisbursement(project: tbb.id, amount: m(9_999), on: d("2026-06-30"))
        _ = try store.reverseEntry(late.entryID, reason: "erreur de bénéficiaire", on: d("2026-01-05"))
    }
}
