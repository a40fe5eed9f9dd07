import Ledger
import Postgres
import Testing

/// Checks the ledger's invariants after a test: `verify` finds nothing, and every fund's bank
/// account is non-negative. Returns the problems (empty when sound) so tests can `#expect` them.
public func ledgerProblems(_ store: LedgerStore) throws -> [String] {
    var problems = try store.reader.verify().map(\.description)
    for balance in try store.reader.balances() where balance.available.cents < 0 {
        problems.append("fund \(balance.code) below zero: \(balance.available)")
    }
    return problems
}

/// Runs `body` and returns the `PostgresError` it threw (nil when it did not throw). Another
/// error is recorded as an issue with all its details (kind, message, SQLSTATE, detail), so a
/// failing check says what really happened, not just "nil".
public func postgresError(sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) -> PostgresError? {
    do {
        try body()
        return nil
    } catch let error as PostgresError {
        return error
    } catch {
        Issue.record("expected a PostgresError, got \(errorDetails(error))", sourceLocation: sourceLocation)
        return nil
    }
}

/// Runs `body` and returns the `LedgerError` it threw (nil when it did not throw). Another
/// error is recorded as an issue with all its details.
public func ledgerError(sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) -> LedgerError? {
    do {
        try body()
        return nil
    } catch let error as LedgerError {
        return error
    } catch {
        Issue.record("expected a LedgerError, got \(errorDetails(error))", sourceLocation: sourceLocation)
        return nil
    }
}

/// Everything an error says, for failure messages: its type and debug text (a `LedgerError`'s
/// kind, code, message, SQLSTATE and detail; a `PostgresError`'s SQLSTATE, message, detail, hint).
public func errorDetails(_ error: (any Error)?) -> String {
    guard let error else { return "no error" }
    switch error {
    case let error as LedgerError: return String(reflecting: error)
    case let error as PostgresError:
        return "PostgresError(\(error.kind.rawValue)) \(error.description)"
            + (error.context.map { " context: \($0)" } ?? "")
    default: return "\(type(of: error)): \(String(reflecting: error))"
    }
}

/// Counts rows of a table, for "the database is unchanged" checks.
public func rowCount(_ connection: PostgresConnection, _ table: String) throws -> Int64 {
    // Table names come from the test code, never from input.
    try connection.query(PostgresQuery(sql: "SELECT count(*) AS n FROM \(table)")).single().decode("n")
}

/// A snapshot of every ledger table's row count, every account balance and the organisation's
/// settings (a setting changed in place changes no count).
public func ledgerSnapshot(_ connection: PostgresConnection) throws -> [String] {
    var snapshot: [String] = []
    for table in ["funds", "donors", "partners", "projects", "milestones", "pledges", "contributions",
                  "disbursements", "journal_entries", "postings", "accounts", "idempotency_keys",
                  "entry_validations", "period_closures", "fund_settlements", "pledge_intents",
                  "year_end_closings"] {
        snapshot.append("\(table)=\(try rowCount(connection, table))")
    }
    snapshot.append("settings=" + (try connection.query(
        "SELECT coalesce(string_agg(md5(s::text), ',' ORDER BY md5(s::text)), '') AS h FROM organisation_settings s")
        .single().decode("h", as: String.self)))
    for row in try connection.query("SELECT id, balance FROM accounts ORDER BY id") {
        snapshot.append("account\(try row.decode("id", as: Int64.self))=\(try row.decode("balance", as: Int64.self))")
    }
    snapshot.append("receipts=" + (try connection.query(
        "SELECT coalesce(string_agg(md5(r::text), ',' ORDER BY fund_id, donor_id), '') AS h FROM donor_fund_receipts r")
        .single().decode("h", as: String.self)))
    return snapshot
}
