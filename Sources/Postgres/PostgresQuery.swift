/// SQL text plus its bound parameters.
///
/// Interpolated values never become SQL: each one is replaced by a placeholder (`$1`, `$2`…)
/// and sent separately, as postgres-nio does:
///
///     let query: PostgresQuery = "SELECT name FROM donors WHERE id = \(donorID)"
///     // sql: "SELECT name FROM donors WHERE id = $1", binds: ["42"]
public struct PostgresQuery: Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    public var sql: String
    public var binds: [String?]

    /// SQL written by the programmer with explicit `$n` placeholders. Never pass user input as `sql`.
    public init(sql: String, binds: [any PostgresEncodable] = []) {
        self.sql = sql
        self.binds = binds.map(\.postgresText)
    }

    public init(stringLiteral value: String) {
        self.sql = value
        self.binds = []
    }

    public init(stringInterpolation: StringInterpolation) {
        self.sql = stringInterpolation.sql
        self.binds = stringInterpolation.binds
    }

    /// The SQL only: bound values stay out of logs and error messages.
    public var description: String { sql }

    public struct StringInterpolation: StringInterpolationProtocol {
        var sql = ""
        var binds: [String?] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            sql.reserveCapacity(literalCapacity + interpolationCount * 3)
            binds.reserveCapacity(interpolationCount)
        }

        public mutating func appendLiteral(_ literal: String) {
            sql += literal
        }

        public mutating func appendInterpolation(_ value: some PostgresEncodable) {
            binds.append(value.postgresText)
            sql += "$\(binds.count)"
        }
    }
}
