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

        public init(dryRun: Bool = false, delimiter: Character? = nil, encoding: TextEncoding = .utf8,
                    maxProblems: Int = 50) {
            self.dryRun = dryRun
            self.delimiter = delimiter
            self.encoding = encoding
            self.maxProblems = maxProblems
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
        let fileName = ((try? NameInput.optional(URL(fileURLWithPath: path).lastPathComponent, field: "file")) ?? nil)
            ?? "import.csv"
        let batch = UUID().uuidString.lowercased()

        // A file imported before is recognised before any parsing (hashing is much cheaper than
        // parsing and posting). The function checks again under a lock, with the digest of the
        // bytes actually parsed, so this is only a shortcut.
        if let digest = try? CSVReader.sha256(path: path), let earlier = try connection.query("""
            SELECT id, file_name, lines, total, recorded_at FROM imports WHERE file_sha256 = \(digest)
            """).first {
            return .alreadyImported(importID: try earlier.decode("id"), fileName: try earlier.decode("file_name"),
                                    lines: try earlier.decode("lines"), total: Money(cents: try earlier.decode("total")),
                                    recordedAt: try earlier.decode("recorded_at"))
        }

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
                                                       \(options.maxProblems))
                    """)
                var sqlProblems: [ImportProblem] = []
                var sqlProblemCount = 0
                var funds: [ImportSummary.FundTotal] = []
                var importID: Int64?
                for row in rows {
                    switch try row.decode("kind", as: String.self) {
                    case "already_imported":
                        return .alreadyImported(importID: try row.decode("import_id"),
                                                fileName: try row.decode("value"),
                                                lines: try row.decode("lines"),
                                                total: Money(cents: try row.decode("amount")),
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
                                           amount: Money(cents: try row.decode("amount")),
                                           appliedToPledges: Money(cents: try row.decode("applied"))))
                    case "import":
                        importID = try row.decode("import_id")
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
                                            ignoredColumns: header.ignored)
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

/// Each distinct text parsed once (dates, donors, funds repeat from line to line); bounded, so
/// that memory stays flat even if every line differs.
final class Memo {
    private var values: [String: Result<String, InputError>] = [:]

    func value(for text: String, _ compute: (String) throws -> String) throws -> String {
        if let known = values[text] { return try known.get() }
        let result: Result<String, InputError>
        do {
            result = .success(try compute(text))
        } catch {
            result = .failure(error as? InputError ?? InputError(field: "", value: text, reason: "\(error)"))
        }
        if values.count < 10_000 { values[text] = result }
        return try result.get()
    }
}

/// A line ready for the staging table, every value in the text COPY expects.
struct StagedLine {
    var line: Int
    var date: String
    var donor: String
    var fund: String
    var cents: Int64
    var reference: String
    var pledge: String?
    var key: String?
}

/// Parses the fields of each record with the ledger's parsers, keeping the first problems.
struct LineParser {
    let header: ImportHeader
    let maxProblems: Int
    private(set) var problems: [ImportProblem] = []
    private(set) var problemCount = 0
    private let dates = Memo(), donors = Memo(), funds = Memo()

    init(header: ImportHeader, maxProblems: Int) {
        self.header = header
        self.maxProblems = maxProblems
    }

    private mutating func report(_ problem: ImportProblem) {
        problemCount += 1
        if problems.count < maxProblems { problems.append(problem) }
    }

    /// The staged line, or nil when the record has a problem (then reported).
    mutating func parse(_ record: CSVRecord) -> StagedLine? {
        if let problem = record.problem {
            report(ImportProblem(line: record.line, column: nil, value: nil, reason: problem))
            return nil
        }
        guard record.fields.count == header.fieldCount else {
            report(ImportProblem(line: record.line, column: nil, value: nil,
                                 reason: "\(record.fields.count) field\(record.fields.count == 1 ? "" : "s") where the header has \(header.fieldCount)"))
            return nil
        }
        var ok = true
        func text(_ column: ImportColumn) -> String? {
            header.index[column].map { record.fields[$0] }
        }
        func attempt<T>(_ column: ImportColumn, _ body: (String) throws -> T) -> T? {
            let value = text(column) ?? ""
            do {
                return try body(value)
            } catch let error as InputError {
                report(ImportProblem(line: record.line, column: header.name(of: column), value: value, reason: error.reason))
            } catch {
                report(ImportProblem(line: record.line, column: header.name(of: column), value: value, reason: "\(error)"))
            }
            ok = false
            return nil
        }
        let header = self.header
        func field(_ column: ImportColumn) -> String { header.name(of: column) }
        // Dates, donors and funds repeat from line to line: each distinct text is parsed once.
        let date = attempt(.date) { text in
            try dates.value(for: text) { try DateParser.parse($0, field: field(.date)).iso }
        }
        let donor = attempt(.donor) { text in
            try donors.value(for: text) { try NameInput.clean(Self.oneLine($0), field: field(.donor)) }
        }
        let fund = attempt(.fund) { text in
            try funds.value(for: text) { try NameInput.clean($0, field: field(.fund)).uppercased() }
        }
        let amount = attempt(.amount) { text in
            try Self.plainCents(text) ?? MoneyParser.parse(text, field: field(.amount)).cents
        }
        let reference = attempt(.reference) { value -> String in
            let reference: String
            if Self.isCleanASCII(value) {
                reference = value
            } else {
                guard !value.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw InputError(field: field(.reference), value: value,
                                     reason: "a reference is required: it is what keeps a receipt from being recorded twice")
                }
                reference = try NameInput.clean(Self.oneLine(value), field: field(.reference))
            }
            // As `LedgerStore` checks every reference: bounded, no spreadsheet formula at the start.
            try NameInput.checkReference(reference, given: value, field: field(.reference))
            return reference
        }
        let pledge = attempt(.pledge) { value -> String? in
            if value.isEmpty { return nil }
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { return nil }
            guard let id = Int64(trimmed), id > 0 else {
                throw InputError(field: field(.pledge), value: value, reason: "a pledge is given by its number, e.g. 12")
            }
            return String(id)
        }
        let key = attempt(.idempotencyKey) { value -> String? in
            if value.isEmpty { return nil }
            guard let key = try NameInput.optional(value, field: field(.idempotencyKey)) else { return nil }
            guard key.count <= 200 else {
                throw InputError(field: field(.idempotencyKey), value: value, reason: "at most 200 characters")
            }
            return key
        }
        guard ok, let date, let donor, let fund, let amount, let reference else { return nil }
        return StagedLine(line: record.line, date: date, donor: donor, fund: fund, cents: amount,
                          reference: reference, pledge: pledge ?? nil, key: key ?? nil)
    }

    /// ASCII printable text with no space at either end: exactly what `NameInput.clean` would
    /// return (nothing to trim, no control character, already NFC), without Foundation's cost.
    static func isCleanASCII(_ text: String) -> Bool {
        let bytes = text.utf8
        guard let first = bytes.first, let last = bytes.last, first != 0x20, last != 0x20 else { return false }
        return bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    /// Cents of the plainest amounts (`1234`, `1234,5`, `1 234,56`, `1234.56`: ASCII digits, thousands
    /// in groups of three after single spaces, one decimal mark and at most two decimals), exactly
    /// as `MoneyParser` reads them; nil for anything else, which `MoneyParser` then reads or refuses.
    static func plainCents(_ text: String) -> Int64? {
        var cents: Int64 = 0
        var groupDigits = 0
        var grouped = false
        var decimals = -1  // -1: no decimal mark yet
        for byte in text.utf8 {
            switch byte {
            case 0x30...0x39:
                if decimals >= 0 {
                    guard decimals < 2 else { return nil }
                    decimals += 1
                } else {
                    groupDigits += 1
                }
                cents = cents * 10 + Int64(byte - 0x30)
                if cents > Money.maximum.cents { return nil }
            case 0x20:
                guard decimals < 0, groupDigits > 0, grouped ? groupDigits == 3 : groupDigits <= 3 else { return nil }
                grouped = true
                groupDigits = 0
            case 0x2C, 0x2E:
                guard decimals < 0, groupDigits > 0, !grouped || groupDigits == 3 else { return nil }
                decimals = 0
            default:
                return nil
            }
        }
        if decimals < 0 {
            guard groupDigits > 0, !grouped || groupDigits == 3 else { return nil }
            cents *= 100
        } else if decimals == 0 {
            return nil
        } else if decimals == 1 {
            cents *= 10
        }
        guard cents > 0, cents <= Money.maximum.cents else { return nil }
        return cents
    }

    /// Line breaks inside a quoted cell (a spreadsheet's wrapped text) become one space.
    static func oneLine(_ text: String) -> String {
        guard text.contains(where: \.isNewline) else { return text }
        return text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
            .joined(separator: " ")
    }
}
