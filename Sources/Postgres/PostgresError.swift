/// An error from PostgreSQL or from our libpq face, never a bare string.
///
/// Server errors carry the SQLSTATE and the diagnostic fields libpq reports (detail, hint,
/// constraint, table, column). `query` holds the SQL text only: bound values are never
/// copied into errors, because they may hold personal or financial data that would then
/// end up in logs.
public struct PostgresError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where the failure happened.
    public enum Kind: String, Sendable, Equatable {
        /// Could not connect, or the connection broke.
        case connection
        /// The server refused the statement; see `sqlState`.
        case server
        /// A value could not be decoded into the Swift type asked for.
        case decoding
        /// COPY failed on the client side.
        case copy
        /// The API was used in a way libpq does not allow (e.g. a closed connection).
        case usage
    }

    public var kind: Kind
    public var sqlState: SQLState?
    public var message: String
    public var detail: String?
    public var hint: String?
    public var constraint: String?
    public var table: String?
    public var column: String?
    public var context: String?
    public var query: String?

    public init(
        kind: Kind, sqlState: SQLState? = nil, message: String, detail: String? = nil,
        hint: String? = nil, constraint: String? = nil, table: String? = nil,
        column: String? = nil, context: String? = nil, query: String? = nil
    ) {
        self.kind = kind
        self.sqlState = sqlState
        self.message = message
        self.detail = detail
        self.hint = hint
        self.constraint = constraint
        self.table = table
        self.column = column
        self.context = context
        self.query = query
    }

    /// True for failures worth retrying as a whole transaction (serialization failure, deadlock).
    public var isTransient: Bool {
        sqlState == .serializationFailure || sqlState == .deadlockDetected
    }

    /// One line: `SQLSTATE 23514: message (constraint c on t) — detail. hint`.
    public var description: String {
        var text = sqlState.map { "SQLSTATE \($0.rawValue): " } ?? "\(kind.rawValue) error: "
        text += message
        var places: [String] = []
        if let constraint { places.append("constraint \(constraint)") }
        if let table { places.append("table \(table)") }
        if let column { places.append("column \(column)") }
        if !places.isEmpty { text += " (" + places.joined(separator: ", ") + ")" }
        if let detail, !detail.isEmpty { text += " — \(detail)" }
        if let hint, !hint.isEmpty { text += " Hint: \(hint)" }
        return text
    }
}

/// A five-character SQLSTATE code, with names for the ones this project reacts to.
public struct SQLState: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    /// The two-character class, e.g. `23` for integrity constraint violations.
    public var errorClass: String { String(rawValue.prefix(2)) }

    public static let uniqueViolation = SQLState("23505")
    public static let checkViolation = SQLState("23514")
    public static let foreignKeyViolation = SQLState("23503")
    public static let notNullViolation = SQLState("23502")
    public static let serializationFailure = SQLState("40001")
    public static let deadlockDetected = SQLState("40P01")
    public static let queryCanceled = SQLState("57014")
    public static let insufficientPrivilege = SQLState("42501")
    public static let invalidTextRepresentation = SQLState("22P02")
    public static let raiseException = SQLState("P0001")
}
