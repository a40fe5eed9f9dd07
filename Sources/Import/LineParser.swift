import Foundation
import Ledger

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
            try NameInput.idempotencyKey(value, field: field(.idempotencyKey))
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
