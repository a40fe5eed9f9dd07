import Postgres

/// A checksum of every table of the `public` schema: for each, its row count and the md5 of its
/// rows (as `row::text`) in primary-key order, computed in SQL. Equal before and after a refusal
/// means not one row was written, changed or removed anywhere (sequences excepted: a refused
/// insert may consume a number, which is no row). Read as the schema's owner, who sees every table.
public func tableChecksums(_ connection: PostgresConnection) throws -> [String: String] {
    let tables = try connection.query("""
        SELECT c.relname AS name,
               coalesce((SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY k.ord)
                         FROM pg_index i
                         CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
                         JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                         WHERE i.indrelid = c.oid AND i.indisprimary), '') AS key
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
        ORDER BY c.relname
        """).map { (try $0.decode("name", as: String.self), try $0.decode("key", as: String.self)) }
    guard !tables.isEmpty else { return [:] }
    // Names come from the catalog and are quoted; nothing here comes from input.
    let selects = tables.map { name, key -> String in
        let quoted = "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        let order = (key.isEmpty ? "" : key + ", ") + "t::text"
        return "SELECT '\(name.replacingOccurrences(of: "'", with: "''"))'::text AS name, "
            + "count(*)::text || ':' || md5(coalesce(string_agg(t::text, E'\\n' ORDER BY \(order)), '')) AS sum "
            + "FROM public.\(quoted) t"
    }
    var sums: [String: String] = [:]
    for row in try connection.query(PostgresQuery(sql: selects.joined(separator: "\nUNION ALL\n"))) {
        sums[try row.decode("name", as: String.self)] = try row.decode("sum", as: String.self)
    }
    return sums
}

/// The tables whose checksum differs between two `tableChecksums`, for failure messages.
public func changedTables(_ before: [String: String], _ after: [String: String]) -> [String] {
    Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted()
}
