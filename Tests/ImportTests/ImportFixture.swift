import Foundation
import Import
import Ledger
import Postgres
import Testing
import TestSupport

/// A small ledger: GAZA and VIETNAM open, TURQUIE closed; Bondy, Liffré, Rennes; Rennes pledged
/// twice to VIETNAM (1 000,00 € then 500,00 €).
struct ImportFixture {
    let store: LedgerStore
    let olderPledge: Pledge
    let newerPledge: Pledge
    let gazaPledge: Pledge

    init(_ store: LedgerStore) throws {
        self.store = store
        let opened = CalendarDate(year: 2023, month: 2, day: 1)!
        for (code, name) in [("GAZA", "Fonds Gaza"), ("VIETNAM", "Fonds Vietnam"), ("TURQUIE", "Fonds Turquie")] {
            _ = try store.openFund(code: code, name: name, audience: nil, openedOn: opened)
        }
        for name in ["Bondy", "Liffré", "Rennes"] { _ = try store.addDonor(name: name) }
        olderPledge = try store.recordPledge(donor: "Rennes", fund: "VIETNAM", amount: Money(cents: 100_000),
                                             on: CalendarDate(year: 2026, month: 1, day: 5)!, reference: "Délib. 1")
        newerPledge = try store.recordPledge(donor: "Rennes", fund: "VIETNAM", amount: Money(cents: 50_000),
                                             on: CalendarDate(year: 2026, month: 1, day: 20)!, reference: "Délib. 2")
        gazaPledge = try store.recordPledge(donor: "Bondy", fund: "GAZA", amount: Money(cents: 30_000),
                                            on: CalendarDate(year: 2026, month: 1, day: 2)!, reference: "Délib. B")
        let old = try store.recordContribution(donor: "Liffré", fund: "TURQUIE", amount: Money(cents: 1_000),
                                               on: CalendarDate(year: 2023, month: 3, day: 1)!, reference: "OLD-1")
        // Settled before closing (a fund holding money cannot close): sent back by reversal.
        _ = try store.reverseEntry(old.entryID, reason: "renvoyé", on: CalendarDate(year: 2023, month: 3, day: 2)!)
        _ = try store.recordContribution(donor: "Liffré", fund: "GAZA", amount: Money(cents: 1_000),
                                         on: CalendarDate(year: 2026, month: 1, day: 3)!, pledge: .none, reference: "OLD-2")
        _ = try store.setFundStatus(code: "TURQUIE", status: .closed, on: CalendarDate(year: 2026, month: 2, day: 28)!)
    }

    func importer(_ options: ContributionImporter.Options = .init()) throws -> ContributionImporter {
        ContributionImporter(connection: store.connection, actor: "test", options: options)
    }
}
