import Ledger
import Postgres
import TestSupport

/// A small ledger: fund GAZA holding 3 000,00 € from two donors, a partner and a project.
struct Fixture {
    let store: LedgerStore
    let project: Project

    static let day = CalendarDate(year: 2026, month: 2, day: 3)!

    init(_ store: LedgerStore) throws {
        self.store = store
        _ = try store.openFund(code: "GAZA", name: "Fonds Gaza", audience: "la population gazaouie",
                               openedOn: CalendarDate(year: 2023, month: 11, day: 1)!)
        _ = try store.addDonor(name: "Bondy")
        _ = try store.addDonor(name: "Liffré")
        _ = try store.recordContribution(donor: "Bondy", fund: "GAZA", amount: Money(cents: 200_000), on: Self.day)
        _ = try store.recordContribution(donor: "Liffré", fund: "GAZA", amount: Money(cents: 100_000), on: Self.day)
        _ = try store.addPartner(name: "Super Novae", country: "PS")
        project = try store.addProject(fund: "GAZA", partner: "Super Novae", title: "Eau potable")
    }

    var available: Money {
        get throws { try store.reader.balances(fund: "GAZA")[0].available }
    }
}
