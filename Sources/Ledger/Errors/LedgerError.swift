import Postgres

/// Why the ledger refused a request. Every refusal leaves the database as it was.
///
/// Two texts, as postgres-nio's `PSQLError` does: `description` is safe to show to whoever made
/// the request (it never holds another request's data), `debugDescription`
/// (`String(reflecting:)`) adds everything PostgreSQL said, for logs only.
public struct LedgerError: Error, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The family of a refusal, and the command line's exit status for it.
    public enum Kind: String, Sendable, CaseIterable {
        case notFound, duplicate, insufficientFunds, fundNotOpen, periodClosed, fundNotSettled, cannotReverse, pledgeState
        case inconsistent, invalidInput, idempotencyConflict, invariantViolated, migration, database

        /// The `fundledger` exit status for this kind, after BSD's sysexits.h:
        ///
        /// | status | sysexits name  | kinds |
        /// |-------:|----------------|-------|
        /// | 65     | EX_DATAERR     | `invalidInput`, `inconsistent`: the request itself is wrong |
        /// | 66     | EX_NOINPUT     | `notFound`: what it names does not exist |
        /// | 69     | EX_UNAVAILABLE | `database`: PostgreSQL failed or could not be reached |
        /// | 70     | EX_SOFTWARE    | `invariantViolated`: a ledger invariant caught a bug |
        /// | 73     | EX_CANTCREAT   | `duplicate`, `idempotencyConflict`: it exists already |
        /// | 75     | EX_TEMPFAIL    | `insufficientFunds`, `fundNotOpen`, `periodClosed`, `fundNotSettled`, `cannotReverse`, `pledgeState`: the ledger's current state forbids it |
        /// | 78     | EX_CONFIG      | `migration`: the database schema cannot be brought up to date |
        ///
        /// (64, EX_USAGE, is for command-line usage errors; 1 for other refusals of the command line.)
        public var exitCode: Int32 {
            switch self {
            case .invalidInput, .inconsistent: 65
            case .notFound: 66
            case .database: 69
            case .invariantViolated: 70
            case .duplicate, .idempotencyConflict: 73
            case .insufficientFunds, .fundNotOpen, .periodClosed, .fundNotSettled, .cannotReverse, .pledgeState: 75
            case .migration: 78
            }
        }
    }

    public var kind: Kind
    public var message: String
    /// The field or column concerned, when known.
    public var field: String?
    /// Existing names close to one that was not found.
    public var suggestions: [String] = []
    /// The SQLSTATE behind the refusal, when it came from PostgreSQL.
    public var sqlState: String?
    /// The ledger's own code (class `FL`) behind the refusal, when it came from the SQL.
    public var code: LedgerErrorCode?
    /// PostgreSQL's DETAIL. May hold data of another request (FL409 holds the first request of
    /// an idempotency key): shown by `debugDescription` only, never by `description`.
    public var detail: String?
    /// PostgreSQL's HINT, for logs.
    public var hint: String?
    /// The constraint and table PostgreSQL named, for logs.
    public var constraint: String?
    public var table: String?

    public init(kind: Kind, message: String, field: String? = nil, suggestions: [String] = [], sqlState: String? = nil,
                code: LedgerErrorCode? = nil, detail: String? = nil, hint: String? = nil) {
        self.kind = kind
        self.message = message
        self.field = field
        self.suggestions = suggestions
        self.sqlState = sqlState
        self.code = code
        self.detail = detail
        self.hint = hint
    }

    /// Safe for the person who made the request: the message, suggestions and SQLSTATE.
    public var description: String {
        var text = message
        if !suggestions.isEmpty {
            text += "; did you mean " + suggestions.map { "\"\($0)\"" }.joined(separator: " or ") + "?"
        }
        if let sqlState { text += " [SQLSTATE \(sqlState)]" }
        return text
    }

    /// Everything known, for logs only: kind, code, field, DETAIL, HINT, constraint, table.
    public var debugDescription: String {
        var parts = ["LedgerError(kind: \(kind.rawValue)"]
        if let code { parts.append("code: \(code.rawValue) (\(code))") }
        if let sqlState { parts.append("sqlState: \(sqlState)") }
        parts.append("message: \(String(reflecting: message))")
        if let field { parts.append("field: \(field)") }
        if !suggestions.isEmpty { parts.append("suggestions: \(suggestions)") }
        if let detail { parts.append("detail: \(String(reflecting: detail))") }
        if let hint { parts.append("hint: \(String(reflecting: hint))") }
        if let constraint { parts.append("constraint: \(constraint)") }
        if let table { parts.append("table: \(table)") }
        return parts.joined(separator: ", ") + ")"
    }

    /// Translates a PostgreSQL error into the ledger's terms: FL codes through `LedgerErrorCode`,
    /// a few standard SQLSTATEs by their meaning, anything else as `.database`.
    public init(_ error: PostgresError) {
        let state = error.sqlState?.rawValue
        let code = state.flatMap(LedgerErrorCode.init(rawValue:))
        let kind: Kind
        if let code {
            kind = code.kind
        } else {
            switch state {
            case "23505": kind = .duplicate  // unique_violation
            case "23503": kind = .inconsistent  // foreign_key_violation
            case "23514", "23502", "22P02", "22007", "22008", "22001", "22003", "22023":
                // check, not null, invalid text, invalid datetime format, datetime out of range,
                // string too long, numeric out of range, invalid parameter value
                kind = .invalidInput
            default: kind = .database
            }
        }
        var message = error.message
        // The detail of a check on this request's own values helps the person who typed them.
        // Never for FL409 (it holds the first request) nor for unknown database errors.
        if kind == .invalidInput, let detail = error.detail, !detail.isEmpty {
            message += " — \(detail)"
        }
        if error.constraint == "bank_balance_never_negative" {
            self.init(kind: .insufficientFunds, message: "the fund's bank account would go below zero",
                      field: "amount", sqlState: state, code: code, detail: error.detail, hint: error.hint)
        } else {
            self.init(kind: kind, message: message, field: error.column, sqlState: state, code: code,
                      detail: error.detail, hint: error.hint)
        }
        constraint = error.constraint
        table = error.table
    }
}
