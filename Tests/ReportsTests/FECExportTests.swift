import Foundation
import Ledger
import Postgres
import Reports
import Testing
import TestSupport

@Suite("FEC export")
struct FECExportTests {
    struct Line {
        var fields: [String]
        subscript(_ column: String) -> String { fields[FECExport.columns.firstIndex(of: column)!] }
    }

    static func amountCents(_ amount: String) -> Int64? {
        guard amount.wholeMatch(of: /[0-9]+,[0-9]{2}/) != nil else { return nil }
        return Int64(amount.replacingOccurrences(of: ",", with: ""))
    }

    @Test func fileReReadAgainstTheLedger() throws {
        try TestDatabase.with { database in
            _ = try ReportDataset(try database.store())
            let c = try database.connect()
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fec-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }

            var export = try FECExport(connection: c, year: 2026, siren: "123456789")
            export.batchSize = 7  // several FETCHes
            export.encoding = .utf8  // read back as text here; latin-9 has its own test
            let summary = try export.write(toDirectory: folder.path)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["123456789FEC20261231.txt"])
            let text = try String(contentsOfFile: summary.path, encoding: .utf8)
            var rows = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            #expect(rows.last == "")
            rows.removeLast()
            #expect(rows[0] == "JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\tCompteLib\tCompAuxNum\tCompAuxLib\tPieceRef\tPieceDate\tEcritureLib\tDebit\tCredit\tEcritureLet\tDateLet\tValidDate\tMontantdevise\tIdevise")
            let lines = rows.dropFirst().map { Line(fields: $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)) }
            #expect(lines.allSatisfy { $0.fields.count == 18 })
            #expect(lines.count == summary.lines)

            // Postings of 2026 in the ledger.
            let postings = try cents(c, """
                SELECT count(*) FROM postings p JOIN journal_entries e ON e.id = p.entry_id
                 WHERE e.value_date BETWEEN '2026-01-01' AND '2026-12-31'
                """)
            #expect(Int64(lines.count) == postings)

            var entries: [String: (date: String, debit: Int64, credit: Int64)] = [:]
            var numbers: [String: Set<Int>] = [:]
            var debitByAccount: [String: Int64] = [:], creditByAccount: [String: Int64] = [:]
            var lastDate = ""
            for line in lines {
                #expect(["BQ", "OD"].contains(line["JournalCode"]))
                #expect(line["EcritureDate"].wholeMatch(of: /2026[01][0-9][0-3][0-9]/) != nil)
                #expect(line["PieceDate"] == line["EcritureDate"])
                #expect(line["ValidDate"].wholeMatch(of: /[0-9]{8}/) != nil)
                #expect(line["EcritureDate"] >= lastDate)  // chronological
                lastDate = line["EcritureDate"]
                // The chart account, the fund as a suffix (the fund also starts the label).
                let account = String(line["CompteNum"].prefix(6)), fund = String(line["CompteNum"].dropFirst(6))
                #expect(["441700", "740000", "512000", "657000", "654000"].contains(account))  // 654: a 2025 pledge written off in 2026
                #expect(line["EcritureLib"].hasPrefix("[\(fund)] ") && line["CompteLib"].hasSuffix(" " + fund))
                let debit = try #require(Self.amountCents(line["Debit"]), "\(line["Debit"])")
                let credit = try #require(Self.amountCents(line["Credit"]), "\(line["Credit"])")
                #expect((debit == 0) != (credit == 0))
                let number = try #require(Int(line["EcritureNum"]))
                let key = "\(line["JournalCode"]) \(number)"
                numbers[line["JournalCode"], default: []].insert(number)
                var entry = entries[key] ?? (line["EcritureDate"], 0, 0)
                #expect(entry.date == line["EcritureDate"])
                entry.debit += debit
                entry.credit += credit
                entries[key] = entry
                debitByAccount[account, default: 0] += debit
                creditByAccount[account, default: 0] += credit
                // The donor as auxiliary account on 441 lines, the partner on 657 lines, nobody elsewhere.
                if account == "441700" {
                    #expect(line["CompAuxNum"].hasPrefix("COL") && !line["CompAuxLib"].isEmpty)
                } else if account == "657000" {
                    #expect(line["CompAuxNum"].hasPrefix("PAR") && !line["CompAuxLib"].isEmpty)
                    #expect(line["EcritureLib"].contains(line["CompAuxLib"]))
                } else {
                    #expect(line["CompAuxNum"].isEmpty && line["CompAuxLib"].isEmpty)
                }
                // Bank movements in BQ, the rest in OD.
                #expect((account != "512000") || line["JournalCode"] == "BQ")
                #expect(line["EcritureLib"].hasPrefix("[GAZA] ") || line["EcritureLib"].hasPrefix("[MAROC] "))
            }
            // Continuous numbering per journal, every entry balanced.
            for (journal, used) in numbers {
                #expect(used == Set(1...used.count), "journal \(journal)")
            }
            #expect(entries.values.allSatisfy { $0.debit == $0.credit && $0.debit > 0 })
            let ledgerEntries = try c.query("""
                SELECT CASE WHEN kind IN ('contribution', 'disbursement') THEN 'BQ' ELSE 'OD' END AS journal, count(*) AS n
                  FROM journal_entries WHERE value_date BETWEEN '2026-01-01' AND '2026-12-31' GROUP BY 1
                """)
            for row in ledgerEntries {
                #expect(numbers[try row.decode("journal", as: String.self)]?.count == (try row.decode("n", as: Int.self)))
            }
            #expect(entries.count == summary.entries)
            // Totals per account equal the ledger's postings of the year.
            for row in try c.query("""
                SELECT a.number, sum(greatest(p.amount, 0))::bigint AS debit, sum(greatest(-p.amount, 0))::bigint AS credit
                  FROM postings p JOIN journal_entries e ON e.id = p.entry_id JOIN accounts a ON a.id = p.account_id
                 WHERE e.value_date BETWEEN '2026-01-01' AND '2026-12-31' GROUP BY a.number
                """) {
                let number: String = try row.decode("number")
                #expect(debitByAccount[number] == (try row.decode("debit", as: Int64.self)), "\(number)")
                #expect(creditByAccount[number] == (try row.decode("credit", as: Int64.self)), "\(number)")
            }
            #expect(summary.debits == summary.credits)
            // A donor line names the donor.
            #expect(lines.contains { $0["CompteNum"] == "441700GAZA" && $0["CompAuxLib"] == "Liffré" })
            // Reversals stay in their original's journal: the reversed tranche is a BQ entry.
            #expect(lines.contains { $0["JournalCode"] == "BQ" && $0["EcritureLib"].contains("Annulation") && $0["CompteNum"] == "657000GAZA" })
            #expect(lines.contains { $0["JournalCode"] == "OD" && $0["EcritureLib"].contains("Annulation") && $0["CompteNum"] == "441700GAZA" })
            // A reversal's piece is its original's reference: the wrong transfer VIR-ERREUR.
            #expect(lines.filter { $0["PieceRef"] == "VIR-ERREUR" }.count == 4)
        }
    }

    @Test func refusals() throws {
        try TestDatabase.with { database in
            let c = try database.connect()
            #expect(throws: ReportError.self) { _ = try FECExport(connection: c, year: 2026, siren: "12345") }
            #expect(throws: ReportError.self) { _ = try FECExport(connection: c, year: 2026, siren: "12345678A") }
            let export = try FECExport(connection: c, year: 2026, siren: "000000000")
            #expect(throws: ReportError.self) { _ = try export.write(toDirectory: "/nonexistent-folder") }
        }
    }
}
