import CLibPQ
import Foundation

/// One libpq connection. Every call blocks its thread until the server answers.
///
/// A connection must be used by one thread at a time. Async code reaches connections
/// through `PostgresConnectionPool`, which runs each use on a thread of its own and never
/// on Swift's cooperative pool; command-line code may use one directly.
public final class PostgresConnection: @unchecked Sendable {
    private var handle: OpaquePointer?
    private var preparedStatementNames: [String: String] = [:]

    /// When true, each distinct SQL text is prepared once per connection and executed with
    /// `PQexecPrepared`: a gain for long-lived pooled connections, a loss (one extra round trip
    /// on first use) for a short command-line run, hence off by default.
    public var cachesPreparedStatements = false

    /// Connects with a libpq connection string or URL. With nil, `DATABASE_URL` is used when
    /// set, otherwise libpq's own `PG*` environment variables and service files.
    public init(conninfo: String? = nil) throws {
        let info = conninfo ?? ProcessInfo.processInfo.environment["DATABASE_URL"] ?? ""
        // Text formats we decode are pinned here, so a server configured otherwise cannot
        // change how dates or text reach us. Later keywords override the expanded string, so
        // the caller's own `options` are kept and ours appended.
        let pinned = "-c DateStyle=ISO,YMD -c TimeZone=UTC -c IntervalStyle=iso_8601"
        let options = Self.option("options", in: info).map { "\($0) \(pinned)" } ?? pinned
        let keywords = ["dbname", "client_encoding", "options", "fallback_application_name"]
        let values = [info, "UTF8", options, "fundledger"]
        let connection = withCStringArray(keywords) { keywordPointers in
            withCStringArray(values) { valuePointers in
                PQconnectdbParams(keywordPointers, valuePointers, 1)
            }
        }
        guard let connection else {
            throw PostgresError(kind: .connection, message: "libpq could not allocate a connection")
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = Self.redactingPassword(of: info, in: Self.trimmed(PQerrorMessage(connection)))
            PQfinish(connection)  // a failed connection still owns memory
            throw PostgresError(kind: .connection, message: message)
        }
        handle = connection
    }

    deinit {
        if let handle { PQfinish(handle) }
    }

    /// `message` with the password of `conninfo` replaced by `****`. libpq quotes a URL it cannot
    /// parse whole (`… in URI: "postgresql://user:password@…"`), and a message may be printed,
    /// logged or shown to anyone: the password given as a value, in a URL's user information or
    /// after `password=`, never leaves this type.
    static func redactingPassword(of conninfo: String, in message: String) -> String {
        var redacted = message
        if let password = option("password", in: conninfo) {
            redacted = redacted.replacingOccurrences(of: password, with: "****")
        }
        // What libpq could not parse: the user information of a URL, a `password=` keyword.
        for (pattern, replacement) in [(#"(://[^/:@\s"]*:)[^@\s"]*@"#, "$1****@"),
                                       (#"(password\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s"]+)"#, "$1****")] {
            redacted = redacted.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
        }
        return redacted
    }

    /// The value of `keyword` in a connection string or URL, as libpq parses it.
    static func option(_ keyword: String, in conninfo: String) -> String? {
        guard !conninfo.isEmpty, let parsed = PQconninfoParse(conninfo, nil) else { return nil }
        defer { PQconninfoFree(parsed) }
        var option = parsed
        while let name = option.pointee.keyword {
            if String(cString: name) == keyword, let value = option.pointee.val {
                let text = String(cString: value)
                return text.isEmpty ? nil : text
            }
            option += 1
        }
        return nil
    }

    /// Closes the connection; later calls fail with a `.usage` error.
    public func close() {
        if let handle { PQfinish(handle) }
        handle = nil
        preparedStatementNames.removeAll()
    }

    /// False once the connection is closed or broken.
    public var isHealthy: Bool {
        guard let handle else { return false }
        return PQstatus(handle) == CONNECTION_OK
    }

    /// Reads, without waiting, whatever the server sent while the connection sat idle, and says
    /// whether it is still usable. A server that shut down or restarted (`pg_ctl stop`, a
    /// failover) sends its FATAL and closes the socket; libpq notices only when it reads, so a
    /// pool asks before handing out an idle connection rather than failing the caller's
    /// statement. libpq's socket is non-blocking: this never waits on the network.
    public func survivedIdling() -> Bool {
        guard let handle, PQstatus(handle) == CONNECTION_OK else { return false }
        // Twice: a read that returns the server's FATAL message stops there; the end of the
        // stream (the socket closed) is seen by the next read.
        for _ in 0..<2 {
            guard PQconsumeInput(handle) == 1 else { return false }
        }
        return PQstatus(handle) == CONNECTION_OK
    }

    /// True when no transaction is open (neither in progress nor failed).
    public var isIdle: Bool {
        guard let handle else { return false }
        return PQtransactionStatus(handle) == PQTRANS_IDLE
    }

    /// True inside a transaction block (`BEGIN` sent, no `COMMIT` yet).
    public var isInTransaction: Bool {
        guard let handle else { return false }
        let status = PQtransactionStatus(handle)
        return status == PQTRANS_INTRANS || status == PQTRANS_INERROR
    }

    /// Reconnects with the same parameters, after a broken connection.
    public func reset() throws {
        guard let handle else {
            throw PostgresError(kind: .usage, message: "the connection is closed")
        }
        PQreset(handle)
        preparedStatementNames.removeAll()
        guard PQstatus(handle) == CONNECTION_OK else {
            throw PostgresError(kind: .connection, message: Self.trimmed(PQerrorMessage(handle)))
        }
    }

    /// The server's version number, e.g. 150018.
    public var serverVersion: Int {
        handle.map { Int(PQserverVersion($0)) } ?? 0
    }

    /// Runs one statement with bound parameters and returns its rows.
    @discardableResult
    public func query(_ query: PostgresQuery) throws -> PostgresRows {
        let connection = try liveHandle()
        if cachesPreparedStatements {
            let name = try preparedStatementName(for: query, on: connection)
            let result = withCStringArray(query.binds) { values in
                PQexecPrepared(connection, name, Int32(query.binds.count), values, nil, nil, 0)
            }
            return try consume(result, sql: query.sql)
        }
        let result = withCStringArray(query.binds) { values in
            PQexecParams(connection, query.sql, Int32(query.binds.count), nil, values, nil, nil, 0)
        }
        return try consume(result, sql: query.sql)
    }

    /// Runs SQL with no parameters, possibly several statements separated by semicolons
    /// (migrations, `BEGIN`, `SET`). Only for SQL written by the programmer.
    public func execute(script sql: String) throws {
        let connection = try liveHandle()
        _ = try consume(PQexec(connection, sql), sql: sql)
    }

    /// A handle that can cancel the statement running on this connection from another thread.
    public func makeCanceller() -> PostgresCanceller? {
        guard let handle, let cancel = PQgetCancel(handle) else { return nil }
        return PostgresCanceller(cancel)
    }

    // MARK: - Internals shared with Copy and Transaction

    func liveHandle() throws -> OpaquePointer {
        guard let handle else {
            throw PostgresError(kind: .usage, message: "the connection is closed")
        }
        return handle
    }

    private func preparedStatementName(for query: PostgresQuery, on connection: OpaquePointer) throws -> String {
        if let name = preparedStatementNames[query.sql] { return name }
        let name = "fl_\(preparedStatementNames.count + 1)"
        _ = try consume(PQprepare(connection, name, query.sql, Int32(query.binds.count), nil), sql: query.sql)
        preparedStatementNames[query.sql] = name
        return name
    }

    /// Copies a result out of libpq, frees it, and turns failures into `PostgresError`.
    func consume(_ result: OpaquePointer?, sql: String) throws -> PostgresRows {
        guard let result else {
            throw connectionError(sql: sql)
        }
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        switch status {
        case PGRES_TUPLES_OK, PGRES_COMMAND_OK, PGRES_EMPTY_QUERY, PGRES_SINGLE_TUPLE:
            return Self.rows(of: result)
        case PGRES_FATAL_ERROR, PGRES_NONFATAL_ERROR, PGRES_BAD_RESPONSE:
            throw serverError(result, sql: sql)
        default:
            throw PostgresError(kind: .usage,
                                message: "unexpected result status \(String(cString: PQresStatus(status)))",
                                query: sql)
        }
    }

    func serverError(_ result: OpaquePointer, sql: String?) -> PostgresError {
        func field(_ code: Int32) -> String? {
            guard let value = PQresultErrorField(result, code) else { return nil }
            return String(cString: value)
        }
        guard let state = field(Int32(FL_PG_DIAG_SQLSTATE)) else {
            // No SQLSTATE means the failure was on our side of the socket.
            return connectionError(sql: sql)
        }
        let brokenConnection = handle.map { PQstatus($0) != CONNECTION_OK } ?? true
        return PostgresError(
            kind: brokenConnection ? .connection : .server,
            sqlState: SQLState(state),
            message: field(Int32(FL_PG_DIAG_MESSAGE_PRIMARY)) ?? Self.trimmed(PQresultErrorMessage(result)),
            detail: field(Int32(FL_PG_DIAG_MESSAGE_DETAIL)),
            hint: field(Int32(FL_PG_DIAG_MESSAGE_HINT)),
            constraint: field(Int32(FL_PG_DIAG_CONSTRAINT_NAME)),
            table: field(Int32(FL_PG_DIAG_TABLE_NAME)),
            column: field(Int32(FL_PG_DIAG_COLUMN_NAME)),
            context: field(Int32(FL_PG_DIAG_CONTEXT)),
            query: sql
        )
    }

    func connectionError(sql: String?) -> PostgresError {
        let message = handle.map { Self.trimmed(PQerrorMessage($0)) } ?? "the connection is closed"
        return PostgresError(kind: .connection, message: message.isEmpty ? "connection lost" : message, query: sql)
    }

    private static func rows(of result: OpaquePointer) -> PostgresRows {
        let fieldCount = Int(PQnfields(result))
        let rowCount = Int(PQntuples(result))
        let columns = PostgresColumns(names: (0..<fieldCount).map { String(cString: PQfname(result, Int32($0))) })
        var rows: [PostgresRow] = []
        rows.reserveCapacity(rowCount)
        for row in 0..<rowCount {
            var values: [String?] = []
            values.reserveCapacity(fieldCount)
            for field in 0..<fieldCount {
                if PQgetisnull(result, Int32(row), Int32(field)) == 1 {
                    values.append(nil)
                } else {
                    values.append(String(cString: PQgetvalue(result, Int32(row), Int32(field))))
                }
            }
            rows.append(PostgresRow(columns: columns, values: values))
        }
        let affected = Int(String(cString: PQcmdTuples(result))) ?? 0
        return PostgresRows(columns: columns, rows: rows, affectedRows: affected)
    }

    static func trimmed(_ message: UnsafePointer<CChar>?) -> String {
        guard let message else { return "" }
        return String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// Cancels the statement running on a connection; safe to call from any thread (`PQcancel`).
public final class PostgresCanceller: @unchecked Sendable {
    private let cancelHandle: OpaquePointer

    init(_ cancelHandle: OpaquePointer) { self.cancelHandle = cancelHandle }

    deinit { PQfreeCancel(cancelHandle) }

    /// Asks the server to cancel; the running statement then fails with SQLSTATE 57014.
    public func cancel() {
        var errorBuffer = [CChar](repeating: 0, count: 256)
        _ = PQcancel(cancelHandle, &errorBuffer, Int32(errorBuffer.count))
    }
}

/// Calls `body` with C strings for `strings` (NULL for nil), valid only during the call.
func withCStringArray<R>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    let copies: [UnsafeMutablePointer<CChar>?] = strings.map { $0.flatMap { strdup($0) } }
    defer { copies.forEach { free($0) } }
    return body(copies.map { $0.map { UnsafePointer($0) } })
}

func withCStringArray<R>(_ strings: [String], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    withCStringArray(strings.map { Optional($0) }, { pointers in body(pointers + [nil]) })
}
