import Postgres

extension PostgresRow {
    /// An amount read from a column of integer cents (`bigint`).
    public func money(_ column: String) throws -> Money { Money(cents: try decode(column, as: Int64.self)) }

    /// An amount read from a column of integer cents, nil for SQL NULL.
    public func optionalMoney(_ column: String) throws -> Money? {
        try decode(column, as: Int64?.self).map { Money(cents: $0) }
    }
}
