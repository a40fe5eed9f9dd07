/// The rows a statement returned, copied out of libpq (the `PGresult` is already freed).
public struct PostgresRows: Sendable, RandomAccessCollection {
    public let columns: PostgresColumns
    public let rows: [PostgresRow]
    /// Rows inserted, updated or deleted, from `PQcmdTuples` (0 when not applicable).
    public let affectedRows: Int

    public var startIndex: Int { rows.startIndex }
    public var endIndex: Int { rows.endIndex }
    public subscript(position: Int) -> PostgresRow { rows[position] }

    /// The single row a statement must return; a clear error otherwise.
    public func single() throws -> PostgresRow {
        guard rows.count == 1 else {
            throw PostgresError(kind: .decoding, message: "expected exactly one row, got \(rows.count)")
        }
        return rows[0]
    }
}

/// Column names of a result, shared by its rows.
public struct PostgresColumns: Sendable {
    public let names: [String]
    let indexByName: [String: Int]

    init(names: [String]) {
        self.names = names
        var index: [String: Int] = [:]
        for (position, name) in names.enumerated() where index[name] == nil { index[name] = position }
        self.indexByName = index
    }
}

/// One row, values in text format (nil is SQL NULL), decoded on demand into Swift types.
public struct PostgresRow: Sendable {
    public let columns: PostgresColumns
    public let values: [String?]

    /// Decodes column `index`; a `PostgresError` of kind `.decoding` naming the column when it does not fit.
    public func decode<T: PostgresDecodable>(_ type: T.Type = T.self, at index: Int) throws -> T {
        guard values.indices.contains(index) else {
            throw PostgresError(kind: .decoding, message: "no column at index \(index) (row has \(values.count))")
        }
        let column = columns.names[index]
        guard let text = values[index] else {
            guard let null = T.postgresNull else {
                throw PostgresError(kind: .decoding, message: "column \(column) is NULL, expected \(T.self)",
                                    column: column)
            }
            return null
        }
        return try T.decode(postgresText: text, column: column)
    }

    /// Decodes the column called `column`.
    public func decode<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws -> T {
        guard let index = columns.indexByName[column] else {
            throw PostgresError(kind: .decoding, message: "no column named \(column) in the result",
                                column: column)
        }
        return try decode(type, at: index)
    }

    /// The raw text of a column, nil for NULL or an unknown column.
    public subscript(column: String) -> String? {
        columns.indexByName[column].flatMap { values[$0] }
    }
}
