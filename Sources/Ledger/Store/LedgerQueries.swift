import Postgres

/// The plumbing `LedgerStore` and `LedgerReader` share: running a statement, decoding its rows and
/// turning a `PostgresError` into a `LedgerError`, with the nearest existing names as suggestions
/// when a fund, donor or partner was not found.
struct LedgerQueries {
    let connection: PostgresConnection

    /// A name the statement looks up, so that "not found" can suggest the nearest existing ones.
    enum Lookup {
        case fund(String?), donor(String?), partner(String?)
    }

    /// One row from a write, in a transaction retried on serialization failure or deadlock.
    func write<T: RowDecodable>(_ query: PostgresQuery, lookingUp lookups: [Lookup]) throws -> T {
        try translatingErrors(lookingUp: lookups) {
            try T(row: connection.retrying { try $0.query(query) }.single())
        }
    }

    func read<T: RowDecodable>(_ query: PostgresQuery, lookingUp lookups: [Lookup] = []) throws -> [T] {
        try translatingErrors(lookingUp: lookups) {
            try connection.query(query).map(T.init(row:))
        }
    }

    func readOne<T: RowDecodable>(_ query: PostgresQuery, lookingUp lookups: [Lookup] = []) throws -> T {
        try translatingErrors(lookingUp: lookups) {
            try T(row: connection.query(query).single())
        }
    }

    /// The one row a query by id finds; none is a `LedgerError` (`.notFound`) saying `message`.
    func readOne<T: RowDecodable>(_ query: PostgresQuery, orElse message: String) throws -> T {
        let rows = try translatingErrors(lookingUp: []) { try connection.query(query) }
        guard let row = rows.first else {
            throw LedgerError(kind: .notFound, message: message)
        }
        return try translatingErrors(lookingUp: []) { try T(row: row) }
    }

    /// The rows' `column` as text.
    func strings(_ query: PostgresQuery, column: String, lookingUp lookups: [Lookup] = []) throws -> [String] {
        try translatingErrors(lookingUp: lookups) {
            try connection.query(query).map { try $0.decode(column, as: String.self) }
        }
    }

    func translatingErrors<T>(lookingUp lookups: [Lookup], _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as PostgresError {
            var ledgerError = LedgerError(error)
            if ledgerError.kind == .notFound {
                ledgerError.suggestions = suggestions(for: error.table, lookups: lookups)
            }
            throw ledgerError
        }
    }

    private func suggestions(for table: String?, lookups: [Lookup]) -> [String] {
        for lookup in lookups {
            let (name, sql): (String?, PostgresQuery) = switch lookup {
            case .fund(let code): (code, "SELECT code AS name FROM funds")
            case .donor(let name): (name, "SELECT name FROM donors")
            case .partner(let name): (name, "SELECT name FROM partners")
            }
            let expectedTable = switch lookup { case .fund: "funds"; case .donor: "donors"; case .partner: "partners" }
            guard let name, table == expectedTable,
                  let rows = try? connection.query(sql) else { continue }
            let names = rows.compactMap { try? $0.decode("name", as: String.self) }
            // Two lookups of one kind (a reallocation's two funds): the one that exists is not the
            // one not found.
            if names.contains(where: { $0.caseInsensitiveCompare(name.trimmingCharacters(in: .whitespaces)) == .orderedSame }) { continue }
            return NameSuggestions.nearest(to: name, among: names)
        }
        return []
    }
}
