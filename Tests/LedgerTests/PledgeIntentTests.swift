import Ledger
import Postgres
import Testing
import TestSupport

/// Pledges in two stages: an intention writes nothing in the journal; only its vote (the
/// délibération) posts 4417/74, once.
@Suite("Intentions to give, then the vote")
struct PledgeIntentTests {
    static func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }

    @Test func anIntentionIsKeptThenVotedOnce() throws {
        try TestDatabase.with { database in
            let owner = try database.store()
            _ = try owner.openFund(code: "VIETNAM", name: "Fonds Vietnam", audience: nil, openedOn: Self.day("2025-11-10"))
            for name in ["Cergy", "Rennes"] { _ = try owner.addDonor(name: name) }
            let writer = try database.connect(granted: "fundledger_writer")
            defer { writer.close() }
            let store = LedgerStore(connection: writer, actor: "test")
            let entries = { try rowCount(writer, "journal_entries") }
            let before = try entries()
            let cergy = try store.recordPledgeIntent(donor: "Cergy", fund: "vietnam", amount: Money(cents: 300_000), on: Self.day("2026-01-12"))
            let rennes = try store.recordPledgeIntent(donor: "Rennes", fund: "VIETNAM", amount: Money(cents: 500_000), on: Self.day("2026-01-14"),
                                                      note: "courrier du maire")
            #expect(try entries() == before)  // nothing posted
            #expect(try store.reader.balances(fund: "VIETNAM")[0].outstandingPledges == .zero)
            // Thanked as pledgers, in the order they came forward.
            #expect(try store.reader.pledgers(fund: "VIETNAM", from: nil, to: nil, order: .firstCommitment) == ["Cergy", "Rennes"])

            // The vote needs its délibération, on or after the announcement.
            #expect(ledgerError { _ = try store.confirmPledgeIntent(rennes.id, deliberation: " ", on: Self.day("2026-02-10")) }?.kind == .invalidInput)
            #expect(ledgerError { _ = try store.confirmPledgeIntent(rennes.id, deliberation: "DEL-2026-014", on: Self.day("2026-01-01")) }?.kind == .invalidInput)
            #expect(try entries() == before)
            let pledge = try store.confirmPledgeIntent(rennes.id, deliberation: "DEL-2026-014", on: Self.day("2026-02-10"),
                                                       amount: Money(cents: 450_000))
            #expect(pledge.amount == Money(cents: 450_000) && pledge.reference == "DEL-2026-014")
            #expect(try entries() == before + 1)
            #expect(try store.reader.balances(fund: "VIETNAM")[0].outstandingPledges == Money(cents: 450_000))
            #expect(try store.reader.pledgeIntent(id: rennes.id).pledgeID == pledge.id)
            #expect(ledgerError { _ = try store.confirmPledgeIntent(rennes.id, deliberation: "DEL-2", on: Self.day("2026-02-11")) }?.kind == .pledgeState)
            #expect(try store.reader.pledgeIntents(fund: "VIETNAM").map(\.id) == [cergy.id, rennes.id])
            // A closing fund takes no new intention, like no new pledge; nobody writes the table directly.
            _ = try owner.setFundStatus(code: "VIETNAM", status: .closing, on: Self.day("2026-03-01"))
            #expect(ledgerError { _ = try store.recordPledgeIntent(donor: "Cergy", fund: "VIETNAM", amount: Money(cents: 100), on: Self.day("2026-03-02")) }?
                .kind == .fundNotOpen)
            #expect(postgresError { _ = try writer.query("UPDATE pledge_intents SET amount = 1") }?.sqlState?.rawValue == "42501")
        }
    }
}
