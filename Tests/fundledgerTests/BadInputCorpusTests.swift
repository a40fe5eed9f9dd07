import Foundation
import Ledger
import Postgres
import Testing
import TestSupport

/// The bad-input corpus (`Tests/TestSupport/Fixtures/bad-inputs/`) through the command line, as a
/// login role granted `fundledger_writer`: every case refused (the exit status its kind says, one
/// line `fundledger: error: …` on standard error naming the option or the file's line) and every
/// table's checksum unchanged. A case accepted fails, naming its fixture.
@Suite("Bad-input corpus: command line")
struct BadInputCorpusCLITests {
    /// The corpus's ledger (`BadInputCorpus.seed`).
    static func seed(_ database: TestDatabase) throws {
        let store = try database.store()
        defer { store.connection.close() }
        try BadInputCorpus.seed(store)
    }

    /// Runs the command and checks the refusal: `status` (any non-zero when nil), one line on
    /// standard error that holds `naming`, and no table changed.
    static func expectRefused(_ cli: CLI, _ database: TestDatabase, _ arguments: [String], status: Set<Int32>?,
                              naming: [String], _ input: BadInput, oneLine: Bool = true,
                              sourceLocation: SourceLocation = #_sourceLocation) throws {
        let owner = try database.connect()
        defer { owner.close() }
        let before = try tableChecksums(owner)
        let outcome = try cli.run(arguments)
        let after = try tableChecksums(owner)
        let said = "\(input): exit \(outcome.status), stderr: \(outcome.stderr.prefix(600))"
        if let status {
            #expect(status.contains(outcome.status), "\(said) (expected \(status.sorted()))", sourceLocation: sourceLocation)
        } else {
            #expect(outcome.status != 0, "accepted: \(said)", sourceLocation: sourceLocation)
        }
        if oneLine {
            #expect(outcome.errorLines.count == 1, "not one line: \(said)", sourceLocation: sourceLocation)
        }
        #expect(outcome.errorLines.last?.hasPrefix("fundledger: error: ") == true, "\(said)", sourceLocation: sourceLocation)
        for word in naming where !word.isEmpty {
            #expect(outcome.stderr.contains(word), "does not name \(word.debugDescription): \(said)", sourceLocation: sourceLocation)
        }
        #expect(after == before, "\(input): tables changed: \(changedTables(before, after))", sourceLocation: sourceLocation)
    }

    @Test func amountsAreRefusedNamingTheOption() throws {
        let cases = try BadInputCorpus.cases("amounts")
        try TestDatabase.with { database in
            try Self.seed(database)
            let cli = CLI(database: database)
            for input in cases where !input.skips("cli") {
                try Self.expectRefused(cli, database, ["contribution", "add", "--donor", "Bondy", "--fund", "GAZA"]
                                       + Self.option("--amount", input.text) + ["--on", "2026-03-02"],
                                       status: [65], naming: ["--amount"], input)
            }
        }
    }

    @Test func datesAreRefusedNamingTheOption() throws {
        let cases = try BadInputCorpus.cases("dates")
        try TestDatabase.with { database in
            try Self.seed(database)
            let cli = CLI(database: database)
            for input in cases where !input.skips("cli") {
                try Self.expectRefused(cli, database, ["contribution", "add", "--donor", "Bondy", "--fund", "GAZA",
                                                       "--amount", "10"] + Self.option("--on", input.text),
                                       status: [65, 75], naming: ["--on"], input)
            }
        }
    }

    /// `--name VALUE`, or `--name=VALUE` for a value that begins with `-` (which the argument
    /// parser would otherwise read as an option, as a person must type it).
    static func option(_ name: String, _ value: String) -> [String] {
        value.hasPrefix("-") ? ["\(name)=\(value)"] : [name, value]
    }

    static func exitStatus(_ refusal: String) -> Set<Int32> {
        switch refusal {
        case "invalid": [65]
        case "duplicate": [73]
        case "not-found": [66]
        default: []
        }
    }

    @Test func namesAreRefusedAsNewDonorsAndNeverMatchAnotherDonor() throws {
        let cases = try BadInputCorpus.cases("names")
        try TestDatabase.with { database in
            try Self.seed(database)
            let cli = CLI(database: database)
            for input in cases where !input.skips("cli") {
                if let new = input.new {
                    try Self.expectRefused(cli, database, ["donor", "add", "--", input.text], status: Self.exitStatus(new.refusal),
                                           naming: [new.field, new.mentions ?? ""], input)
                }
                if let lookup = input.lookup {
                    // Not found: "unknown donor …" (the ledger's words); refused text: the option typed.
                    try Self.expectRefused(cli, database, ["contribution", "add"] + Self.option("--donor", input.text) + ["--fund", "GAZA",
                                                           "--amount", "10", "--on", "2026-03-02"],
                                           status: Self.exitStatus(lookup.refusal),
                                           naming: [lookup.refusal == "not-found" ? "unknown \(lookup.field)" : "--" + lookup.field,
                                                    lookup.mentions ?? ""],
                                           input)
                }
            }
        }
    }

    /// Every CSV file refused whole, naming its line (or saying why the file cannot be read).
    @Test func csvFilesAreRefusedWholeNamingTheLine() throws {
        let cases = try BadInputCorpus.cases("csv")
        try TestDatabase.with { database in
            try Self.seed(database)
            let cli = CLI(database: database)
            for input in cases where !input.skips("cli") {
                let path = BadInputCorpus.folder.appendingPathComponent(input.file ?? "").path
                let naming = input.line.map { ["line \($0)"] } ?? [input.mentions ?? ""]
                try Self.expectRefused(cli, database, ["import", "contributions", path], status: nil, naming: naming,
                                       input, oneLine: input.line == nil)
            }
        }
    }
}
