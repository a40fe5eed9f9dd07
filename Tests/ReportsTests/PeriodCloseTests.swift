import Foundation
import Ledger
import Postgres
import Reports
import Testing
import TestSupport

/// Books an accountant can close: a closed period refuses every write dated in it, whoever
/// writes (the events, psql as a writer, the owner inserting by hand); money is never dated
/// ahead; validated entries keep their FEC numbers; a closed year's FEC is the same file.
@Suite("Closing the books")
struct PeriodCloseTests {
    static func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }
    /// The ledger's today, Europe/Paris (the rules compare with ledger_today()).
    static func today(_ connection: PostgresConnection) throws -> CalendarDate {
        try connection.query("SELECT ledger_today() AS today").single().decode("today")
    }

    /// Two years of a fund: 2025 (gifts, a pledge, a tranche, a write-off) and 2026 (a gift);
    /// `entry2025` is Rennes's 1 000,00 € gift of 1 April 2025.
    static func twoYears(_ store: LedgerStore) throws -> (project: Project, entry2025: Int64) {
        let d = Self.day
        _ = try store.openFund(code: "GAZA", name: "Fonds Gaza", audience: nil, openedOn: d("2024-11-01"))
        for name in ["Bondy", "Liffré", "Rennes"] { _ = try store.addDonor(name: name) }
        _ = try store.addPartner(name: "Super Novae", country: "PS")
        let project = try store.addProject(fund: "GAZA", partner: "Super Novae", title: "Eau")
        _ = try store.recordContribution(donor: "Bondy", fund: "GAZA", amount: Money(cents: 500_000), on: d("2025-02-03"))
        let pledge = try store.recordPledge(donor: "Rennes", fund: "GAZA", amount: Money(cents: 300_000), on: d("2025-03-01"))
        let gift = try store.recordContribution(donor: "Rennes", fund: "GAZA", amount: Money(cents: 100_000), on: d("2025-04-01"))
        _ = try store.recordDisbursement(project: project.id, milestone: nil, amount: Money(cents: 200_000), on: d("2025-06-30"))
        _ = try store.writeOffPledge(pledge.id, reason: "non voté", on: d("2025-12-31"))
        _ = try store.recordContribution(donor: "Liffré", fund: "GAZA", amount: Money(cents: 50_000), on: d("2026-01-15"))
        return (project, gift.entryID)
    }

    @Test func aClosedPeriodRefusesEveryWriteDatedInIt() throws {
        try TestDatabase.with { database in
            let (project, entry2025) = try Self.twoYears(try database.store())
            // As production writes: a login role granted fundledger_writer.
            let writer = try database.connect(granted: "fundledger_writer")
            defer { writer.close() }
            let store = LedgerStore(connection: writer, actor: "test")
            let closure = try store.closePeriod(through: Self.day("2025-12-31"))
            #expect(closure.newlyClosed && closure.closedThrough == Self.day("2025-12-31"))
            #expect(closure.validated.map { "\($0.journal) \($0.fiscalYear) \($0.firstNumber)-\($0.lastNumber)" }
                    == ["BQ 2025 1-3", "OD 2025 1-2"])
            #expect(try store.reader.booksClosedThrough() == Self.day("2025-12-31"))

            let before = try ledgerSnapshot(writer)
            let closed = Self.day("2025-12-31")
            let refusals: [(String, () throws -> Void)] = [
                ("contribution", { _ = try store.recordContribution(donor: "Bondy", fund: "GAZA", amount: Money(cents: 100), on: closed) }),
                ("pledge", { _ = try store.recordPledge(donor: "Bondy", fund: "GAZA", amount: Money(cents: 100), on: closed) }),
                ("disbursement", { _ = try store.recordDisbursement(project: project.id, milestone: nil, amount: Money(cents: 100), on: closed) }),
                ("reversal", { _ = try store.reverseEntry(entry2025, reason: "erreur", on: Self.day("2025-05-01")) }),
            ]
            for (what, write) in refusals {
                let error = ledgerError(write)
                #expect(error?.kind == .periodClosed && error?.code == .periodClosed, "\(what): \(errorDetails(error))")
                #expect(error?.message.contains("datez la correction dans la période ouverte") == true, "\(what)")
            }
            // psql as the writer: the same doors, the same refusal.
            #expect(postgresError { _ = try writer.query("SELECT * FROM record_contribution('Bondy', 'GAZA', 100, '2025-06-01', NULL, false, NULL)") }?.sqlState?.rawValue == "FL018")
            // The owner, inserting by hand past every function: the journal's own rule refuses.
            let owner = try database.connect()
            defer { owner.close() }
            #expect(postgresError {
                _ = try owner.query("INSERT INTO journal_entries (fund_id, kind, value_date, description) SELECT id, 'contribution', '2025-05-01', 'à la main' FROM funds")
            }?.sqlState?.rawValue == "FL018")
            #expect(try ledgerSnapshot(writer) == before)
            // A correction is dated in the open period, and reopening is refused.
            _ = try store.reverseEntry(entry2025, reason: "erreur de saisie", on: Self.day("2026-01-20"))
            #expect(ledgerError { _ = try store.closePeriod(through: Self.day("2025-06-30")) }?.kind == .periodClosed)
            #expect(try store.closePeriod(through: Self.day("2025-12-31")).newlyClosed == false)
            #expect(ledgerError { _ = try store.closePeriod(through: try Self.today(writer)) }?.kind == .invalidInput)
            // A fund opened afterwards is closed as far as the others.
            _ = try store.openFund(code: "MAROC", name: "Fonds Maroc", audience: nil, openedOn: Self.day("2025-01-01"))
            #expect(ledgerError { _ = try store.recordContribution(donor: "Bondy", fund: "MAROC", amount: Money(cents: 100), on: Self.day("2025-09-01")) }?
                .kind == .periodClosed)
            // A validation is never undone.
            #expect(postgresError { _ = try owner.query("DELETE FROM entry_validations") }?.sqlState?.rawValue == "FL002")
        }
    }

    /// Today is the association's day (Europe/Paris), whatever the server's or the session's time
    /// zone: from midnight in Paris to midnight UTC a UTC server's current_date is yesterday, and
    /// a receipt dated today by the CLI (DateParser.today(), Paris) must not be "ahead".
    @Test func todayIsParissWhateverTheServersTimeZone() throws {
        try TestDatabase.with { database in
            let store = try database.store()
            _ = try Self.twoYears(store)
            for zone in ["UTC", "Etc/GMT+12", "Pacific/Kiritimati"] {
                try store.connection.execute(script: "SET TIME ZONE '\(zone)'")
                #expect(try Self.today(store.connection) == DateParser.today(), "\(zone)")
                _ = try store.recordContribution(donor: "Bondy", fund: "GAZA", amount: Money(cents: 100), on: DateParser.today())
            }
            let tomorrow = DateParser.today().adding(days: 1)
            #expect(ledgerError { _ = try store.recordContribution(donor: "Bondy", fund: "GAZA", amount: Money(cents: 100), on: tomorrow) }?
                .message.contains("date à venir") == true)
        }
    }

    @Test func moneyIsNeverDatedAheadButAPledgeMayBe() throws {
        try TestDatabase.with { database in
            let (project, _) = try Self.twoYears(try database.store())
            let store = try database.store()
            let tomorrow = try Self.today(store.connection).adding(days: 1)
            let before = try ledgerSnapshot(store.connection)
            for write in [{ _ = try store.recordContribution(donor: "Bondy", fund: "GAZA", amount: Money(cents: 100), on: tomorrow) },
                          { _ = try store.recordDisbursement(project: project.id, milestone: nil, amount: Money(cents: 100), on: tomorrow) }] {
                let error = ledgerError(write)
                #expect(error?.code == .invalidArgument && error?.message.contains("date à venir") == true, "\(errorDetails(error))")
            }
            #expect(try ledgerSnapshot(store.connection) == before)
            _ = try store.recordPledge(donor: "Liffré", fund: "GAZA", amount: Money(cents: 100), on: tomorrow)
        }
    }

    /// Validation numbers follow on per journal and year, never change, and make a closed
    /// year's FEC the same file whatever happens afterwards.
    @Test func validatedNumbersStayAndTheClosedYearsFECIsTheSameFile() throws {
        try TestDatabase.with { database in
            let (_, _) = try Self.twoYears(try database.store())
            let store = try database.store()
            let first = try store.validateEntries(through: Self.day("2025-06-30"))
            #expect(first.map { "\($0.journal) \($0.fiscalYear) \($0.firstNumber)-\($0.lastNumber)" } == ["BQ 2025 1-3", "OD 2025 1-1"])
            #expect(try store.validateEntries(through: Self.day("2025-06-30")).isEmpty)
            // Back-dated into the validated range while the period is open: it takes the next number.
            let late = try store.recordContribution(donor: "Liffré", fund: "GAZA", amount: Money(cents: 7_000), on: Self.day("2025-05-05"))
            let numbers = { () throws -> [Int64: Int] in
                Dictionary(uniqueKeysWithValues: try store.connection.query("SELECT entry_id, number FROM entry_validations").map {
                    (try $0.decode("entry_id", as: Int64.self), try $0.decode("number", as: Int.self))
                })
            }
            let kept = try numbers()
            _ = try store.closePeriod(through: Self.day("2025-12-31"))
            let after = try numbers()
            #expect(kept.allSatisfy { after[$0.key] == $0.value })
            #expect(after[late.entryID] == 4)
            // Gapless: in each journal and year the numbers are 1…n.
            let gaps = try store.connection.query("""
                SELECT journal, fiscal_year FROM entry_validations GROUP BY 1, 2 HAVING max(number) <> count(*) OR min(number) <> 1
                """)
            #expect(gaps.isEmpty)

            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fec-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            func fec2025(_ name: String) throws -> Data {
                let sub = folder.appendingPathComponent(name)
                try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
                let summary = try FECExport(connection: store.connection, year: 2025, siren: "775663438").write(toDirectory: sub.path)
                return try Data(contentsOf: URL(fileURLWithPath: summary.path))
            }
            let before = try fec2025("before")
            // 2026 goes on: gifts, a reversal of a 2025 gift dated in 2026, a validation.
            _ = try store.recordContribution(donor: "Bondy", fund: "GAZA", amount: Money(cents: 12_345), on: Self.day("2026-02-01"))
            _ = try store.reverseEntry(late.entryID, reason: "doublon", on: Self.day("2026-02-02"))
            _ = try store.validateEntries(through: Self.day("2026-03-31"))
            #expect(try fec2025("after") == before)
            let text = String(decoding: before, as: UTF8.self)
            // ValidDate is the validation day, never the export's.
            let validDates = Set(text.split(separator: "\n").dropFirst().map { $0.split(separator: "\t", omittingEmptySubsequences: false)[15] })
            #expect(validDates == [Substring(try Self.today(store.connection).iso.replacingOccurrences(of: "-", with: ""))])
        }
    }

    /// The next year's FEC of a closed year: opening entries, lettrage of a settled pledge, the
    /// partner and the fund on grant lines, in ISO 8859-15 with what it lacks transliterated.
    @Test func theFollowingYearsFECOpensWithTheClosedYearsBalances() throws {
        try TestDatabase.with { database in
            let store = try database.store()
            let (project, _) = try Self.twoYears(store)
            _ = try store.addDonor(name: "Gölbaşı — Belediye")
            _ = try store.recordContribution(donor: "Gölbaşı — Belediye", fund: "GAZA", amount: Money(cents: 25_000),
                                             on: Self.day("2026-02-02"), reference: "VIR ≈ 250")
            _ = try store.recordDisbursement(project: project.id, milestone: nil, amount: Money(cents: 10_000), on: Self.day("2026-02-03"))
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fec-an-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            func fec(_ year: Int) throws -> [[String]] {
                let path = try FECExport(connection: store.connection, year: year, siren: "775663438").write(toDirectory: folder.path).path
                let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
                // ISO 8859-15: ö is one byte (F6), nothing is UTF-8's two-byte form of it.
                #expect(!bytes.contains(0xC3))
                let text = Latin9.decode(bytes)
                return text.split(separator: "\n").dropFirst().map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
            }
            // Not closed yet: no opening entries.
            #expect(try fec(2026).allSatisfy { $0[0] != "AN" })
            _ = try store.closePeriod(through: Self.day("2025-12-31"))
            let lines = try fec(2026)
            // The opening entries come first.
            // The bank held 5 000 + 1 000 − 2 000 = 4 000,00 € on 31 December 2025; Rennes's pledge was settled.
            let bank = try cents(store.connection, """
                SELECT sum(p.amount) FROM postings p JOIN accounts a ON a.id = p.account_id AND a.number = '512000'
                  JOIN journal_entries e ON e.id = p.entry_id AND e.value_date <= '2025-12-31'
                """)
            #expect(bank == 400_000)
            let opening = try FECOpeningEntries.read(store.connection, year: 2026)
            let openingFields = opening.flatMap(\.lines).map(\.fields)
            #expect(openingFields.map { [$0[0], $0[2], $0[3], $0[4], $0[8], $0[11], $0[12]] }
                    == [["AN", "1", "20260101", "512000GAZA", "AN2026", "4000,00", "0,00"],
                        ["AN", "1", "20260101", "110000GAZA", "AN2026", "0,00", "4000,00"]])
            // They open the file, before the year's entries.
            #expect(Array(lines.prefix(2)) == openingFields)
            // The 2025 FEC letters Rennes's pledge: voted 3 000 = received 1 000 + written off 2 000.
            var lettered: [[String]] = []
            for line in try fec(2025) where line[4] == "441700GAZA" { lettered.append(line) }
            #expect(!lettered.isEmpty && lettered.allSatisfy { $0[13].hasPrefix("P") && $0[14] == "20251231" }, "\(lettered)")
            // Transliterated, never dropped: ş → s, — → -, ≈ → ~; ö stays.
            var gift: [[String]] = []
            for line in lines where line[8] == "VIR ~ 250" { gift.append(line) }
            #expect(gift.count == 2 && gift.allSatisfy { $0[10].contains("Gölbasi - Belediye") }, "\(gift)")
            // The partner on the grant line.
            #expect(lines.contains { $0[4] == "657000GAZA" && $0[6].hasPrefix("PAR") && $0[7] == "Super Novae" })
        }
    }

    /// A pledge of an earlier year written off is this year's charge (654), not a smaller revenue
    /// of this year (74); written off in its own year, it cancels that year's revenue.
    @Test func aPriorYearPledgeWrittenOffIsACharge() throws {
        try TestDatabase.with { database in
            let store = try database.store()
            _ = try Self.twoYears(store)
            let old = try store.recordPledge(donor: "Bondy", fund: "GAZA", amount: Money(cents: 80_000), on: Self.day("2025-10-01"))
            let recent = try store.recordPledge(donor: "Liffré", fund: "GAZA", amount: Money(cents: 30_000), on: Self.day("2026-01-10"))
            let oldOff = try store.writeOffPledge(old.id, reason: "non versée", on: Self.day("2026-02-01"))
            let recentOff = try store.writeOffPledge(recent.id, reason: "non versée", on: Self.day("2026-02-01"))
            func debited(_ entry: Int64) throws -> [String] {
                try store.connection.query("""
                    SELECT a.number FROM postings p JOIN accounts a ON a.id = p.account_id WHERE p.entry_id = \(entry) AND p.amount > 0
                    """).map { try $0.decode("number") }
            }
            #expect(try debited(oldOff.id) == ["654000"])
            #expect(try debited(recentOff.id) == ["740000"])
        }
    }

    /// A tranche owed on 31 December is the year's charge à payer (657/4686), reversed on 1
    /// January; the fonds dédiés count it as used; the next year opens with the debt.
    @Test func aTrancheOwedAtTheYearsEndIsAChargeAPayer() throws {
        try TestDatabase.with { database in
            let store = try database.store()
            let (project, _) = try Self.twoYears(store)
            let milestone = try store.addMilestone(project: project.id, title: "Forage", dueOn: Self.day("2025-12-01"),
                                                   tranche: Money(cents: 50_000))
            _ = try store.achieveMilestone(milestone.id, on: Self.day("2025-12-10"))
            let result = try store.closeYear(2025)
            #expect(!result.alreadyClosed && result.accrualCount == 1 && result.accruals == Money(cents: 50_000))
            let accruals = try store.connection.query("""
                SELECT e.value_date, a.number, p.amount FROM journal_entries e JOIN postings p ON p.entry_id = e.id
                  JOIN accounts a ON a.id = p.account_id WHERE e.kind = 'accrual' ORDER BY e.id, a.number
                """).map { "\(try $0.decode("value_date", as: CalendarDate.self).iso) \(try $0.decode("number", as: String.self)) \(try $0.decode("amount", as: Int64.self))" }
            #expect(accruals == ["2025-12-31 468600 -50000", "2025-12-31 657000 50000",
                                 "2026-01-01 468600 50000", "2026-01-01 657000 -50000"])
            // GAZA's 2025: resources 5 000 + 3 000 pledged − 2 000 written off = 6 000; grants 2 000 paid + 500 owed.
            #expect(try store.reader.dedicatedFunds(year: 2025).map(\.added) == [Money(cents: 350_000)])
            // Still owed to the partner: nothing was paid.
            #expect(try MilestoneReportQuery(connection: store.connection).report(asOf: Self.day("2026-01-31"))
                .funds.flatMap(\.projects).flatMap(\.milestones).first { $0.milestoneID == milestone.id }?.owed == Money(cents: 50_000))
            let opening = try FECOpeningEntries.read(store.connection, year: 2026).flatMap(\.lines).map { [$0.fields[4], $0.fields[12]] }
            #expect(opening.contains(["468600GAZA", "500,00"]) && opening.contains(["194000GAZA", "3500,00"]), "\(opening)")
            #expect(try store.closeYear(2025).alreadyClosed)
        }
    }
}
