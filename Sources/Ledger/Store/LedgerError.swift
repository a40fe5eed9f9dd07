import Postgres

/// Why the ledger refused a request. Every refusal leaves the database as it was.
public struct LedgerError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case notFound, duplicate, insufficientFunds, fundNotOpen, cannotReverse, pledgeState
        case inconsistent, invalidInput, idempotencyConflict, invariantViolated, migration, database
    }

    public var kind: Kind
    public var message: String
    /// The field or column concerned, when known.
    public var field: String?
    /// Existing names close to one that was not found.
    public var suggestions: [String] = []
    /// The SQLSTATE behind the refusal, when it came from PostgreSQL.
    public var sqlState: String?

    public init(kind: Kind, message: String, field: String? = nil, suggestions: [String] = [], sqlState: String? = nil) {
        self.kind = kind
        self.message = message
        self.field = field
        self.suggestions = suggestions
        self.sqlState = sqlState
    }

    public var description: String {
        var text = message
        if !suggestions.isEmpty {
            text += "; did you mean " + suggestions.map { "\"\($0)\"" }.joined(separator: " or ") + "?"
        }
        if let sqlState { text += " [SQLSTATE \(sqlState)]" }
        return text
    }

    /// Translates a PostgreSQL error into the ledger's terms (codes from sql/migrations).
    init(_ error: PostgresError) {
        let kind: Kind
        switch error.sqlState?.rawValue {
        case "FL001", "FL002", "FL003", "FL004": kind = .invariantViolated
        case "FL010": kind = .insufficientFunds
        case "FL011": kind = .fundNotOpen
        case "FL012", "23505": kind = .duplicate
        case "FL013": kind = .notFound
        case "FL014": kind = .cannotReverse
        case "FL015": kind = .pledgeState
        case "FL016": kind = .inconsistent
        case "FL020", "23514", "22P02", "22007", "22008", "23502": kind = .invalidInput
        case "FL409": kind = .idempotencyConflict
        default: kind = .database
        }
        var message = error.message
        if kind == .invalidInput || kind == .database, let detail = error.detail, !detail.isEmpty {
            message += " — \(detail)"
        }
        if error.constraint == "bank_balance_never_negative" {
            self.init(kind: .insufficientFunds, message: "the fund's bank account would go below zero",
                      field: "amount", sqlState: error.sqlState?.rawValue)
            return
        }
        self.init(kind: kind, message: message, field: error.column, sqlState: error.sqlState?.rawValue)
    }
}
