import Dispatch
import Foundation
import Ledger
import Postgres

/// Imports a file of bank receipts as contributions, all or nothing.
///
/// 1. The file is read record by record (never whole); each line is parsed with the ledger's
///    parsers (`DateParser`, `MoneyParser`, `NameInput`) and streamed with `COPY` into the
///    staging table `import_lines`, while its SHA-256 is computed.
/// 2. One call to `import_contributions()` (sql/migrations/0006_import.sql) validates every line
///    set-based (unknown donor or fund, closed fund, duplicate reference in the file or in the
///    ledger, pledge of another donor or fund, used idempotency key) and, when nothing is wrong,
///    posts the whole file with one INSERT … SELECT per table.
/// 3. Everything runs in one transaction: any bad line and nothing is written; the problems are
///    listed (the first `maxProblems` by line, then a count).
public struct ContributionImporter {
    public struct Options: Sendable {
        /// Validate and post inside a transaction that is rolled back.
        public var dryRun = false
        /// The delimiter; nil detects `;` or `,` from the header line.
        public var delimiter: Character?
        public var encoding: TextEncoding = .utf8
        /// How many problems are listed (the rest are counted).
        public var maxProblems = 50
        /// The name recorded for the file; nil takes the path's last component. (The HTTP
        /// service reads the body into a temporary file whose name means nothing.)
        public var fileName: String?
        /// Run this import at most once: the same key with other lines is refused (`.idempotencyConflict`).
        public var idempotencyKey: String?

        public init(dryRun: Bool = false, delimiter: Character? = nil, encoding: TextEncoding = .utf8,
                    maxProblems: Int = 50, fileName: String? = nil, idempotencyKey: String? = nil) {
            self.idempotencyKey = idempotencyKey
            self.dryRun = dryRun
            self.delimiter = delimiter
            self.encoding = encoding
            self.maxProblems = maxProblems
            self.fileName = fileName
        }
    }

    public let connection: PostgresConnection
    /// Who imports, recorded on every entry (e.g. `cli:alice@host`).
    public var actor: String
    public var options: Options
    /// Called about ten times a second while the file is read, then once when posting starts.
    public var progress: ((ImportProgress) -> Void)?

    public init(connection: PostgresConnection, actor: String, options: Options = Options(),
                progress: ((ImportProgress) -> Void)? = nil) {
        self.connection = connection
        self.actor = actor
        self.options = options
        self.progress = progress
    }

    /// Imports the file at `path`. Throws `ImportFailure` (bad lines, nothing written),
    /// `ImportError` (unreadable file or header) or `PostgresError` (the database refused).
    public func run(path: String) throws -> ImportOutcome {
        let started = DispatchTime.now().uptimeNanoseconds
        func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9 }

        let reader: CSVReader
        do {
            reader = try CSVReader(path: path, delimiter: options.delimiter, encoding: options.encoding)
        } catch let error as CSVFileError {
            throw ImportError(error.description)
        }
        guard let headerRecord = try reader.next() else {
            throw ImportError("\(path) is empty: a header line (date, donor, fund, amount, reference) is expected")
        }
        if let problem = headerRecord.problem {
            throw ImportError("header line \(headerRecord.line): \(problem)")
        }
        let header = try ImportHeader(headerRecord.fields)
        let fileName = ((try? NameInput.optional(options.fileName ?? URL(fileURLWithPath: path).lastPathComponent,
                                                 field: "file")) ?? nil)
            ?? "import.csv"
        let idempotencyKey = try NameInput.idempotencyKey(options.idempotencyKey)
        let batch = UUID().uuidString.lowercased()

        // Whether these lines were imported before is the database's call, on its own digest of
        // the lines staged (import_contributions): the file's digest sent along is not trusted,
        // since anyone may send any digest.

        var parser = LineParser(header: header, maxProblems: options.maxProblems)
        var linesRead = 0
        var lastReport = 0.0

        do {
            return try connection.transaction(retry: .never) { connection -> ImportOutcome in
                try connection.copyIn("""
                    COPY import_lines (batch, line, received_on, donor, fund, amount, reference, pledge_id, idempotency_key)
                    FROM STDIN
                    """, chunkSize: 1 << 18) { writer in
                    while let record = try reader.next() {
                        linesRead += 1
                        if let staged = parser.parse(record) {
                            try writer.writeRow([batch, String(staged.line), staged.date, staged.donor, staged.fund,
                                                 String(staged.cents), staged.reference, staged.pledge, staged.key])
                        }
                        if linesRead & 1023 == 0, let progress {
                            let now = elapsed()
                            if now - lastReport >= 0.1 {
                                lastReport = now
                                progress(ImportProgress(phase: .reading, linesRead: linesRead, bytesRead: reader.bytesRead,
                                                        totalBytes: reader.fileSize, elapsed: now))
                            }
                        }
                    }
                }
                progress?(ImportProgress(phase: .posting, linesRead: linesRead, bytesRead: reader.bytesRead,
                                         totalBytes: reader.fileSize, elapsed: elapsed()))
                if linesRead == 0 {
                    throw ImportError("\(path) has a header but no data line")
                }
                let digest = try reader.sha256()
                let post = parser.problemCount == 0
                let rows = try connection.query("""
                    SELECT * FROM import_contributions(\(batch)::uuid, \(digest), \(fileName), \(post), \(actor),
                                                       \(options.maxProblems), \(idempotencyKey))
                    """)
                var sqlProblems: [ImportProblem] = []
                var sqlProblemCount = 0
                var funds: [ImportSummary.FundTotal] = []
                var importID: Int64?
                var recordedAt: String?
                for row in rows {
                    switch try row.decode("kind", as: String.self) {
                    case "already_imported":
                        return .alreadyImported(importID: try row.decode("import_id"),
                                                fileName: try row.decode("value"),
                                                lines: try row.decode("lines"),
                                                total: try row.money("amount"),
                                                recordedAt: try row.decode("recorded_at"))
                    case "problem":
                        let field: String = try row.decode("field")
                        sqlProblems.append(ImportProblem(
                            line: try row.decode("line"), column: Self.column(field, header: header),
                            value: try row.decode("value"), reason: try row.decode("reason")))
                    case "problem_count":
                        sqlProblemCount = try row.decode("lines")
                    case "fund":
                        funds.append(.init(fund: try row.decode("fund", as: String?.self) ?? "?", lines: try row.decode("lines"),
                                           amount: try row.money("amount"),
                                           appliedToPledges: try row.money("applied")))
                    case "import":
                        importID = try row.decode("import_id")
                        recordedAt = try row.decode("recorded_at")
                    default:
                        break
                    }
                }
                if parser.problemCount > 0 || sqlProblemCount > 0 {
                    try addSuggestions(&sqlProblems, header: header, on: connection)
                    let merged = (parser.problems + sqlProblems)
                        .sorted { ($0.line, $0.column ?? "") < ($1.line, $1.column ?? "") }
                    throw ImportFailure(problems: Array(merged.prefix(options.maxProblems)),
                                        totalProblems: parser.problemCount + sqlProblemCount,
                                        linesRead: linesRead)
                }
                let summary = ImportSummary(importID: options.dryRun ? nil : importID, funds: funds,
                                            ignoredColumns: header.ignored,
                                            recordedAt: options.dryRun ? nil : recordedAt)
                if options.dryRun {
                    // The deferred checks (every entry balances) run now, then everything is undone.
                    try connection.execute(script: "SET CONSTRAINTS ALL IMMEDIATE")
                    throw DryRunFinished(summary: summary)
                }
                return .imported(summary)
            }
        } catch let finished as DryRunFinished {
            return .dryRun(finished.summary)
        }
    }

    private struct DryRunFinished: Error {
        var summary: ImportSummary
    }

    /// The file's header for a column the SQL names.
    private static func column(_ field: String, header: ImportHeader) -> String {
        guard let column = ImportColumn(rawValue: field) else { return field }
        return header.name(of: column)
    }

    /// Nearest existing names for unknown donors and funds (computed here, for the few shown).
    private func addSuggestions(_ problems: inout [ImportProblem], header: ImportHeader,
                                on connection: PostgresConnection) throws {
        var donors: [String]?
        var funds: [String]?
        for index in problems.indices {
            guard let value = problems[index].value else { continue }
            switch problems[index].reason {
            case "unknown donor":
                if donors == nil {
                    donors = try connection.query("SELECT name FROM donors").map { try $0.decode("name", as: String.self) }
                }
                problems[index].suggestions = NameSuggestions.nearest(to: value, among: donors ?? [])
            case "unknown fund":
                if funds == nil {
                    funds = try connection.query("SELECT code FROM funds").map { try $0.decode("code", as: String.self) }
                }
                problems[index].suggestions = NameSuggestions.nearest(to: value, among: funds ?? [])
            default:
                break
            }
        }
    }
}
