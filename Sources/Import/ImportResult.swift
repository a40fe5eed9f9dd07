import Foundation
import Ledger
import Postgres

/// A file that cannot be imported at all (missing, unreadable, no header, no data).
public struct ImportError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// One bad line: where (physical line where the record starts, column as the file names it),
/// the text found, and why.
public struct ImportProblem: Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var column: String?
    public var value: String?
    public var reason: String
    /// Existing names close to an unknown donor or fund.
    public var suggestions: [String] = []

    public init(line: Int, column: String?, value: String?, reason: String, suggestions: [String] = []) {
        self.line = line
        self.column = column
        self.value = value
        self.reason = reason
        self.suggestions = suggestions
    }

    /// `line 4, column "montant": "12,3,4": ambiguous separators`
    public var description: String {
        var text = "line \(line)"
        if let column { text += ", column \"\(column)\"" }
        text += ": "
        if let value { text += "\"\(value.visible)\": " }
        text += reason
        if !suggestions.isEmpty {
            text += "; did you mean " + suggestions.map { "\"\($0)\"" }.joined(separator: " or ") + "?"
        }
        return text
    }
}

/// The import was refused: nothing was written. `problems` holds the first ones by line
/// (up to the limit), `totalProblems` how many there are in all.
public struct ImportFailure: Error, Sendable, CustomStringConvertible {
    public var problems: [ImportProblem]
    public var totalProblems: Int
    public var linesRead: Int

    public var description: String {
        "import refused, nothing written: \(totalProblems) problem\(totalProblems == 1 ? "" : "s") in \(linesRead) line\(linesRead == 1 ? "" : "s")"
    }

    /// Every problem shown, one per line, then "… and N more" when some were left out.
    public var lines: [String] {
        var out = problems.map(\.description)
        if totalProblems > problems.count { out.append("… and \(totalProblems - problems.count) more") }
        return out
    }
}

/// What an import wrote (or, in a dry run, would write), per fund.
public struct ImportSummary: Sendable, Equatable {
    public struct FundTotal: Sendable, Equatable {
        public var fund: String
        public var lines: Int
        public var amount: Money
        /// The part paying pledges (the rest is income above pledges).
        public var appliedToPledges: Money
    }

    /// The import's number (nil in a dry run).
    public var importID: Int64?
    public var funds: [FundTotal]
    /// Headers of the file that name no known column and were ignored.
    public var ignoredColumns: [String] = []
    /// When the import was recorded, as the database wrote it (as `ImportOutcome.alreadyImported`
    /// gives it for an earlier import); nil in a dry run.
    public var recordedAt: String?

    public var lines: Int { funds.reduce(0) { $0 + $1.lines } }
    public var total: Money { funds.reduce(.zero) { $0 + $1.amount } }
    public var appliedToPledges: Money { funds.reduce(.zero) { $0 + $1.appliedToPledges } }
}

/// How an import ended without refusal.
public enum ImportOutcome: Sendable, Equatable {
    /// Posted and committed.
    case imported(ImportSummary)
    /// Validated and posted inside a transaction that was rolled back: nothing written.
    case dryRun(ImportSummary)
    /// The same file (same SHA-256) was imported before: nothing written.
    case alreadyImported(importID: Int64, fileName: String, lines: Int, total: Money, recordedAt: String)
}

/// Where an import is, for a progress display.
public struct ImportProgress: Sendable {
    public enum Phase: Sendable { case reading, posting }
    public var phase: Phase
    public var linesRead: Int
    public var bytesRead: Int64
    public var totalBytes: Int64
    /// Seconds since the import started.
    public var elapsed: Double
}

extension String {
    /// Control characters shown as escapes so that a value prints on one line.
    var visible: String {
        var out = ""
        for scalar in unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.properties.generalCategory == .control {
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
