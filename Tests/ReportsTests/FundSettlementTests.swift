import Foundation
import Ledger
import Postgres
import Reports
import Testing
import TestSupport

/// Settling a fund before it closes: what it holds goes to another fund with the donors'
/// agreement, or back to the donors pro rata of their gifts; both are journal entries seen in
/// the balances, the quarterly report, the FEC and the fonds dédiés, and a fund closes only
/// once it holds nothing.
@Suite("Settling a fund")
struct FundSettlementTests {
    static func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }
    static func euros(_ cents: Int64) -> Money { Money(cents: cents) }
    /// French typography's no-break spaces as plain ones, to compare with words written here.
    static func plain(_ text: String) -> String {
        text.replacingOccurrences(of: "\u{202F}", with: " ").replacingOccurrences(of: "\u{00A0}", with: " ")
    }

    /// TURQUIE received 100,00 € from each of three donors in January 2026 and paid 280,00 €:
    /// it holds 20,00 €. MAROC received 50,00 € from Lille.
    static func twoFunds(_ store: LedgerStore) throws {
        _ = try store.openFund(code: "TURQUIE", name: "Fonds de solidarité pour la Turquie", audience: nil, openedOn: day("2025-02-08"))
        _ = try store.openFund(code: "MAROC", name: "Fonds de solidarité pour le Maroc", audience: nil, openedOn: day("2025-09-12"))
        for name in ["Nancy", "Aude", "Strasbourg", "Lille"] { _ = try store.addDonor(name: name) }
        _ = try store.addPartner(name: "TBB", country: "TR")
        let project = try store.addProject(fund: "TURQUIE", partner: "TBB", title: "Reconstruction")
        _ = try store.recordContribution(donor: "Nancy", fund: "TURQUIE", amount: euros(10_000), on: day("2026-01-05"))
        _ = try store.recordContribution(donor: "Aude", fund: "TURQUIE", amount: euros(10_000), on: day("2026-01-06"))
        _ = try store.recordContribution(donor: "Strasbourg", fund: "TURQUIE", amount: euros(10_000), on: day("2026-01-07"))
        _ = try store.recordContribution(donor: "Lille", fund: "MAROC", amount: euros(5_000), on: day("2026-01-08"))
        _ = try store.recordDisbursement(project: project.id, amount: euros(28_000), on: day("2026-02-01"))
    }

    @Test func aFundIsReallocatedThenRefundedThenClosed() throws {
        try TestDatabase.with { database in
            try Self.twoFunds(try database.store())
            // As production writes: a login role granted fundledger_writer.
            let writer = try database.connect(granted: "fundledger_writer")
            defer { writer.close() }
            let store = LedgerStore(connection: writer, actor: "test")

            // Holding money, the fund does not close.
            var error = ledgerError { _ = try store.setFundStatus(code: "TURQUIE", status: .closed, on: Self.day("2026-03-01")) }
            #expect(error?.code == .fundNotSettled && error?.message.contains("20,00") == true, "\(errorDetails(error))")

            let moved = try store.reallocateFund(from: "TURQUIE", to: "MAROC", amount: Self.euros(1_000), on: Self.day("2026-03-10"),
                                                 reference: "AG-2026-07", agreedOn: Self.day("2026-03-02"), idempotencyKey: "r1")
            #expect(moved.kind == .reallocation && moved.fund == "TURQUIE" && moved.targetFund == "MAROC"
                    && moved.amount == Self.euros(1_000) && moved.inEntryID != nil)
            // A retry with the same key writes nothing and answers the same settlement.
            let before = try ledgerSnapshot(writer)
            #expect(try store.reallocateFund(from: "TURQUIE", to: "MAROC", amount: Self.euros(1_000), on: Self.day("2026-03-10"),
                                             reference: "AG-2026-07", agreedOn: Self.day("2026-03-02"), idempotencyKey: "r1") == moved)
            #expect(try ledgerSnapshot(writer) == before)

            // Refusals, each leaving the ledger as it was.
            let refusals: [(String, LedgerErrorCode, () throws -> Void)] = [
                ("to itself", .inconsistentReference, { _ = try store.reallocateFund(from: "TURQUIE", to: "TURQUIE", amount: nil, on: Self.day("2026-03-11"), reference: "X", agreedOn: Self.day("2026-03-01")) }),
                ("more than held", .insufficientFunds, { _ = try store.reallocateFund(from: "TURQUIE", to: "MAROC", amount: Self.euros(1_001), on: Self.day("2026-03-11"), reference: "X", agreedOn: Self.day("2026-03-01")) }),
                ("agreed after", .invalidArgument, { _ = try store.reallocateFund(from: "TURQUIE", to: "MAROC", amount: nil, on: Self.day("2026-03-11"), reference: "X", agreedOn: Self.day("2026-03-12")) }),
                ("refund more than held", .insufficientFunds, { _ = try store.refundFund("TURQUIE", amount: Self.euros(1_001), on: Self.day("2026-03-11"), reference: "X", agreedOn: Self.day("2026-03-01")) }),
                ("refund without gifts", .fundNotSettled, { _ = try store.refundFund("MAROC", amount: nil, on: Self.day("2025-12-01"), reference: "X", agreedOn: Self.day("2025-12-01")) }),
                ("reversed", .cannotReverse, { _ = try store.reverseEntry(moved.outEntryID, reason: "erreur", on: Self.day("2026-03-12")) }),
            ]
            for (what, code, write) in refusals {
                let error = ledgerError(write)
                #expect(error?.code == code, "\(what): \(errorDetails(error))")
            }
            #expect(postgresError { _ = try writer.query("INSERT INTO fund_settlements (kind, fund_id, amount, settled_on, reference, agreed_on, out_entry_id) SELECT 'refund', id, 1, '2026-03-01', 'x', '2026-03-01', 1 FROM funds LIMIT 1") }?
                .sqlState?.rawValue == "42501")
            #expect(try ledgerSnapshot(writer) == before)

            // 10,00 € back to three donors who gave alike: 3,34 + 3,33 + 3,33, the odd cent to the donor recorded first.
            let refund = try store.refundFund("TURQUIE", amount: nil, on: Self.day("2026-03-20"), reference: "CA-2026-11",
                                              agreedOn: Self.day("2026-03-15"))
            #expect(refund.amount == Self.euros(1_000))
            #expect(refund.shares.map { "\($0.donor) \($0.gave.cents) \($0.refunded.cents)" }
                    == ["Aude 10000 333", "Nancy 10000 334", "Strasbourg 10000 333"])
            #expect(refund.shares.reduce(Money.zero) { $0 + $1.refunded } == refund.amount)
            error = ledgerError { _ = try store.refundFund("TURQUIE", amount: nil, on: Self.day("2026-03-21"), reference: "X", agreedOn: Self.day("2026-03-20")) }
            #expect(error?.code == .insufficientFunds, "\(errorDetails(error))")

            let closed = try store.setFundStatus(code: "TURQUIE", status: .closed, on: Self.day("2026-03-31"))
            #expect(closed.status == .closed)
            error = ledgerError { _ = try store.reallocateFund(from: "MAROC", to: "TURQUIE", amount: nil, on: Self.day("2026-04-01"), reference: "X", agreedOn: Self.day("2026-04-01")) }
            #expect(error?.code == .fundNotOpen, "\(errorDetails(error))")

            // The balances: what donors gave stays what they gave; what left says where it went.
            let balances = Dictionary(uniqueKeysWithValues: try store.reader.balances().map { ($0.code, $0) })
            let turquie = try #require(balances["TURQUIE"]), maroc = try #require(balances["MAROC"])
            #expect(turquie.available == .zero && turquie.received == Self.euros(30_000) && turquie.disbursed == Self.euros(28_000)
                    && turquie.reallocatedOut == Self.euros(1_000) && turquie.refunded == Self.euros(1_000))
            #expect(maroc.available == Self.euros(6_000) && maroc.received == Self.euros(5_000) && maroc.reallocatedIn == Self.euros(1_000))
            #expect(try store.reader.settlements(fund: "MAROC").map(\.id) == [moved.id])
            #expect(try store.reader.settlements().map(\.kind) == [.reallocation, .refund])

            // The quarterly report: closing = opening + received − disbursed + in − out − refunded.
            let report = try QuarterlyReportQuery(connection: writer).report(quarter: Quarter(parsing: "2026-Q1")!)
            let sections = Dictionary(uniqueKeysWithValues: report.funds.map { ($0.code, $0) })
            let t = try #require(sections["TURQUIE"]), m = try #require(sections["MAROC"])
            #expect(t.figures.reallocatedOut == Self.euros(1_000) && t.figures.refunded == Self.euros(1_000)
                    && t.figures.closing == .zero && t.figures.expectedClosing == .zero)
            #expect(m.figures.reallocatedIn == Self.euros(1_000) && m.figures.closing == Self.euros(6_000))
            #expect(report.total.reallocatedIn == report.total.reallocatedOut)
            let turquieWords = Self.plain(QuarterlyNarrative.paragraphs(for: t, in: report).joined(separator: " "))
            #expect(turquieWords.contains("a réaffecté 10 € au fonds « Maroc »") && turquieWords.contains("AG-2026-07"), "\(turquieWords)")
            #expect(turquieWords.contains("a rendu 10 € à ses 3 collectivités donatrices"), "\(turquieWords)")
            let marocWords = Self.plain(QuarterlyNarrative.paragraphs(for: m, in: report).joined(separator: " "))
            #expect(marocWords.contains("a reçu 10 € du fonds « Turquie »"), "\(marocWords)")
            let newsletter = Self.plain(QuarterlyNewsletterMarkdown.render(report))
            #expect(newsletter.contains("| Réaffecté à d’autres fonds | 10 € | 10 € |")
                    && newsletter.contains("| Rendu aux donateurs | 10 € | 10 € |"), "\(newsletter)")
            // The thanks still name who gave to each fund, not who gave to another.
            #expect(m.thanksNames == ["Lille"])

            // Each donor's statement shows its share given back; its compte rendu counts the
            // reallocation and the refund as uses of its money, the refund at the very share posted.
            let statement = try DonorStatementQuery(connection: writer).statement(donor: "Nancy")
            #expect(statement.lines.filter { $0.kind == .refund }.map { "\($0.fund) \($0.amount.cents) \($0.reference ?? "")" }
                    == ["TURQUIE 334 CA-2026-11"])
            #expect(statement.funds.first { $0.fund == "TURQUIE" }?.refunded == Self.euros(334))
            let comptes = try CompteRenduQuery(connection: writer).all(fund: "TURQUIE", year: 2026)
            // Without a compte rendu the loop below would check nothing.
            #expect(!comptes.isEmpty, "no compte rendu for TURQUIE in 2026")
            for compte in comptes {
                let refundShare = compte.payments.first { $0.partner == "Collectivités donatrices" }?.share
                #expect(refundShare == refund.shares.first { $0.donor == compte.donor }?.refunded, "\(compte.donor)")
                #expect(compte.payments.contains { $0.partner == "Fonds de solidarité pour le Maroc" && $0.project.contains("AG-2026-07") })
            }
            #expect(comptes.reduce(Money.zero) { $0 + $1.remaining } == .zero)

            // The FEC: the agreement as PieceRef, each refunded donor as the auxiliary account.
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fec-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            var export = try FECExport(connection: writer, year: 2026, siren: "123456782")
            export.encoding = .utf8
            let text = try String(contentsOfFile: try export.write(toDirectory: folder.path).path, encoding: .utf8)
            let lines = text.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
            let refundLines = lines.filter { $0[4] == "658200TURQUIE" }
            #expect(refundLines.count == 3 && refundLines.allSatisfy { $0[0] == "BQ" && $0[6].hasPrefix("COL") && $0[8] == "CA-2026-11" })
            #expect(lines.filter { $0[8] == "AG-2026-07" }.map { $0[4] }.sorted()
                    == ["512000MAROC", "512000TURQUIE", "658100TURQUIE", "758100MAROC"])
            #expect(try ledgerProblems(store).isEmpty)
        }
    }

    /// verify names a settlement whose entries do not move its amount (here the owner, past the
    /// append-only rule, changed the recorded amount).
    @Test func verifyNamesASettlementThatDoesNotMoveItsAmount() throws {
        try TestDatabase.with(expectingLedgerProblems: true) { database in
            let store = try database.store()
            try Self.twoFunds(store)
            let moved = try store.reallocateFund(from: "TURQUIE", to: "MAROC", amount: Self.euros(1_000), on: Self.day("2026-03-10"),
                                                 reference: "AG-2026-07", agreedOn: Self.day("2026-03-02"))
            #expect(try ledgerProblems(store).isEmpty)
            try store.connection.execute(script: """
                ALTER TABLE fund_settlements DISABLE TRIGGER fund_settlements_append_only;
                UPDATE fund_settlements SET amount = 999 WHERE id = \(moved.id);
                """)
            #expect(try database.verifyLedger() == ["settlement does not move its amount: settlement \(moved.id) (reallocation) (expected 999, actual 1000)"])
        }
    }

    /// Fonds dédiés follow the money: an earlier year's fonds dédiés reallocated are transferred
    /// out of the fund given up and, unspent, into the fund receiving; a refund uses them; each
    /// fund's result for the year stays zero and the table adds up.
    @Test func fondsDediesFollowAReallocation() throws {
        try TestDatabase.with { database in
            let store = try database.store()
            _ = try store.openFund(code: "TURQUIE", name: "Fonds Turquie", audience: nil, openedOn: Self.day("2024-02-08"))
            _ = try store.openFund(code: "MAROC", name: "Fonds Maroc", audience: nil, openedOn: Self.day("2024-09-12"))
            for name in ["Nancy", "Lille"] { _ = try store.addDonor(name: name) }
            _ = try store.addPartner(name: "Amal", country: "MA")
            let project = try store.addProject(fund: "MAROC", partner: "Amal", title: "Écoles")
            _ = try store.recordContribution(donor: "Nancy", fund: "TURQUIE", amount: Self.euros(100_000), on: Self.day("2024-03-01"))
            #expect(try store.closeYear(2024).dedicatedFunds.map { "\($0.fund) \($0.closing.cents)" } == ["TURQUIE 100000"])

            _ = try store.reallocateFund(from: "TURQUIE", to: "MAROC", amount: Self.euros(60_000), on: Self.day("2025-05-02"),
                                         reference: "AG-2025-04", agreedOn: Self.day("2025-04-20"))
            _ = try store.recordDisbursement(project: project.id, amount: Self.euros(10_000), on: Self.day("2025-06-01"))
            let refund = try store.refundFund("TURQUIE", amount: nil, on: Self.day("2025-07-01"), reference: "CA-2025-06",
                                              agreedOn: Self.day("2025-06-20"))
            #expect(refund.shares.map(\.refunded) == [Self.euros(40_000)])
            _ = try store.setFundStatus(code: "TURQUIE", status: .closed, on: Self.day("2025-07-31"))

            // The closed fund still releases its last fonds dédiés at the year's end.
            let table = try store.closeYear(2025).dedicatedFunds
            #expect(table.map { "\($0.fund) \($0.opening.cents) \($0.added.cents) \($0.used.cents) \($0.transferred.cents) \($0.closing.cents)" }
                    == ["MAROC 0 0 0 50000 50000", "TURQUIE 100000 0 40000 -60000 0"])
            #expect(table.allSatisfy { $0.opening + $0.added - $0.used + $0.transferred == $0.closing })
            // Each fund's result for 2025 (classes 6 and 7) is zero: all its money is restricted.
            let results = try store.connection.query("""
                SELECT f.code, sum(p.amount)::bigint AS result FROM postings p
                  JOIN accounts a ON a.id = p.account_id AND left(a.number, 1) IN ('6', '7')
                  JOIN journal_entries e ON e.id = p.entry_id AND e.value_date BETWEEN '2025-01-01' AND '2025-12-31'
                  JOIN funds f ON f.id = e.fund_id GROUP BY f.code ORDER BY f.code
                """).map { "\(try $0.decode("code", as: String.self)) \(try $0.decode("result", as: Int64.self))" }
            #expect(results == ["MAROC 0", "TURQUIE 0"])
            #expect(try store.closeYear(2025).alreadyClosed)
            #expect(try ledgerProblems(store).isEmpty)
        }
    }
}
