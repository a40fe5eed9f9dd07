import Foundation
import Testing
import TestSupport

/// What the README recommends for reports: a login role granted `fundledger_reader`. Before
/// issue 10 every command taking `--fund` or `--donor` failed for it ("permission denied for
/// function fund_by_code"); and no report may show a negative outstanding pledge.
@Suite("Reports as a reader")
struct ReaderRoleTests {
    @Test func aReaderRunsEveryReportAndWritesNothing() throws {
        try TestDatabase.with { database in
            let writer = CLI(database: database)
            try writer.ok("demo")
            let reader = CLI(database: database, role: "fundledger_reader")
            for arguments in [
                ["balances"], ["fund", "list"], ["fund", "show", "GAZA"], ["donor", "show", "Bondy"],
                ["donors", "--fund", "GAZA"], ["thanks", "--fund", "GAZA"], ["thanks", "--fund", "VIETNAM", "--pledged"],
                ["pledge", "list", "--fund", "VIETNAM"], ["contribution", "list", "--donor", "Bondy"],
                ["disbursement", "list", "--fund", "MAROC"], ["statement", "--donor", "Bondy"],
                ["report", "quarterly", "--quarter", "2026-Q1"], ["report", "quarterly", "--quarter", "2025-Q1", "--fund", "GAZA"],
                ["report", "milestones", "--fund", "MAROC"], ["verify"],
            ] {
                let outcome = try reader.run(arguments)
                #expect(outcome.status == 0, "\(arguments.joined(separator: " ")): \(outcome.stderr)")
                let negativeAmount = outcome.stdout.range(of: "-[0-9][0-9\u{202F}]*,[0-9]{2}\u{00A0}€",
                                                          options: .regularExpression)
                #expect(negativeAmount == nil, "a negative amount in \(arguments.joined(separator: " "))")
            }
            let write = try reader.run("donor", "add", "Grenoble")
            #expect(write.status != 0 && write.errorLines.count == 1)
        }
    }
}
