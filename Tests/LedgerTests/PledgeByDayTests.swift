import Ledger
import Postgres
import Testing
import TestSupport

/// A pledge never expects less than nothing on any day (verify's "pledge outstanding below zero
/// on a day"), also when money or a write-off is dated between a receipt and its reversal.
///
/// Found by the bank test (`BankTests`): a receipt paid a pledge in full on D−20 and was
/// reversed on D−5, so the pledge expected nothing from D−20 to D−6 and everything again from
/// D−5; a write-off dated D−10 wrote off the whole pledge (its total outstanding), and a receipt
/// dated D−10 paid it again, leaving it below zero from D−10 to D−6. The database accepted both
/// (its rule checked the total only) and `verify` reported them afterwards. Now what an event
/// dated D may take is what the pledge expects from D on (`pledge_outstanding(pledge, D)`), and
/// the rule (`check_pledge_never_over_received`, FL006) checks every day.
@Suite struct PledgeByDayTests {
    struct Ledger {
        let store: LedgerStore
        let today: CalendarDate
        let pledge: Int64
        let reversedReceipt: Int64

        /// Rennes pledged 1 000 € on D−30, paid it on D−20, the receipt reversed on D−5.
        init(_ store: LedgerStore) throws {
            self.store = store
            today = try store.connection.query("SELECT ledger_today() AS d").single().decode("d")
            _ = try store.openFund(code: "GAZA", name: "Fonds Gaza", audience: nil, openedOn: today.adding(days: -100))
            _ = try store.addDonor(name: "Rennes")
            pledge = try store.recordPledge(donor: "Rennes", fund: "GAZA", amount: Money(cents: 100_000),
                                            on: today.adding(days: -30)).id
            let receipt = try store.recordContribution(donor: "Rennes", fund: "GAZA", amount: Money(cents: 100_000),
                                                       on: today.adding(days: -20), reference: "VIR-1")
            #expect(receipt.appliedToPledges == Money(cents: 100_000))
            reversedReceipt = try store.reverseEntry(receipt.entryID, reason: "virement rejeté", on: today.adding(days: -5)).id
        }
    }

    @Test func aWriteOffDatedBeforeTheReversalFindsNothingToWriteOff() throws {
        try TestDatabase.with { database in
            let ledger = try Ledger(try database.store())
            let error = ledgerError { _ = try ledger.store.writeOffPledge(ledger.pledge, reason: "abandon", on: ledger.today.adding(days: -10)) }
            #expect(error?.code == .pledgeState, "\(errorDetails(error))")
            // From the reversal on, the pledge expects 1 000 € again: that can be written off.
            let entry = try ledger.store.writeOffPledge(ledger.pledge, reason: "abandon", on: ledger.today.adding(days: -5))
            #expect(try ledger.store.reader.entry(id: entry.id).postings.contains { $0.amount == Money(cents: -100_000) })
            #expect(try database.verifyLedger().isEmpty)
        }
    }

    @Test func aReceiptDatedBeforeTheReversalDoesNotPayThePledgeAgain() throws {
        try TestDatabase.with { database in
            let ledger = try Ledger(try database.store())
            let between = try ledger.store.recordContribution(donor: "Rennes", fund: "GAZA", amount: Money(cents: 30_000),
                                                              on: ledger.today.adding(days: -10), reference: "VIR-2")
            #expect(between.appliedToPledges == .zero, "paid a pledge that expected nothing that day")
            let after = try ledger.store.recordContribution(donor: "Rennes", fund: "GAZA", amount: Money(cents: 30_000),
                                                            on: ledger.today.adding(days: -5), reference: "VIR-3")
            #expect(after.appliedToPledges == Money(cents: 30_000))
            #expect(try database.verifyLedger().isEmpty)
        }
    }

    /// The rule itself, whatever the event: cancelling the pledge on D−10 (its receipts net to
    /// nothing, so `cancel_pledge` lets it through) would leave it at −1 000 € until D−5.
    @Test func theRuleRefusesAPledgeBelowZeroOnAPastDay() throws {
        try TestDatabase.with { database in
            let ledger = try Ledger(try database.store())
            let before = try ledgerSnapshot(ledger.store.connection)
            let error = ledgerError { _ = try ledger.store.cancelPledge(ledger.pledge, reason: "rapportée", on: ledger.today.adding(days: -10)) }
            #expect(error?.code == .pledgeOverApplied, "\(errorDetails(error))")
            #expect(try ledgerSnapshot(ledger.store.connection) == before)
        }
    }
}
