import Postgres

/// A model read from one row of a query, by column name.
protocol RowDecodable {
    init(row: PostgresRow) throws
}
