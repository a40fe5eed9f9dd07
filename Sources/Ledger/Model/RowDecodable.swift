import Postgres

/// A model read from one row of a query, by column name.
protocol RowDecodable {
    init(row: PostgresRow) throws
}

extension PostgresRow {
    func money(_ column: String) throws -> Money { Money(cents: try decode(column, as: Int64.self)) }
    func optionalMoney(_ column: String) throws -> Money? {
        try decode(column, as: Int64?.self).map { Money(cents: $0) }
    }
}
