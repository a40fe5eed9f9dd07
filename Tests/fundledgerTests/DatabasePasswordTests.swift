import Foundation
import TestSupport
import Testing

/// The database password given in a URL or a connection string is never printed, whatever goes
/// wrong with the connection: libpq's messages name the host and the port, and the CLI passes them
/// on as they are, never the string it was given.
@Suite struct DatabasePasswordTests {
    static let password = "Pa55-never-printed-9f3c"

    @Test(arguments: [
        // Nobody listens there.
        "postgresql://fl_service:\(password)@127.0.0.1:1/fundledger?connect_timeout=2",
        "host=127.0.0.1 port=1 user=fl_service password=\(password) dbname=fundledger connect_timeout=2",
        // Malformed: libpq refuses the string itself.
        "postgresql://fl_service:\(password)@localhost/fundledger?no_such_option=1",
        "host=localhost password=\(password) dbname",
        "postgresql://fl_service:\(password)@[::1/fundledger",
    ])
    func neverPrintedWhenTheConnectionFails(url: String) throws {
        try TestDatabase.with { database in
            let cli = CLI(database: database)
            for command in [["balances"], ["verify"], ["migrate"], ["report", "quarterly", "--quarter", "2026-Q1"],
                            ["donors", "--fund", "GAZA"], ["import", "contributions", "/dev/null", "--dry-run"]] {
                let outcome = try cli.run(command + ["--database-url", url])
                let what = "fundledger \(command.joined(separator: " ")) with \(url)"
                #expect(outcome.status != 0, "\(what) succeeded")
                #expect(!outcome.stderr.isEmpty, "\(what) said nothing")
                #expect(!outcome.stdout.contains(Self.password) && !outcome.stderr.contains(Self.password),
                        "\(what) printed the password: \(outcome.stderr)")
            }
        }
    }
}
