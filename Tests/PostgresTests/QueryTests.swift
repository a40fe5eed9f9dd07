import Postgres
import Testing
import TestSupport

@Suite("Queries, binding and decoding")
struct QueryTests {
    @Test func bindsAndDecodesTypedValues() throws {
        try TestDatabase.with { database in
            let connection = try database.connect()
            let cents: Int64 = 123_456_789_012
            let date = CalendarDate(year: 2026, month: 2, day: 28)!
            let row = try connection.query("""
                SELECT \(cents)::bigint AS cents, \("Liffré")::text AS name, \(true)::boolean AS flag,
                       \(date)::date AS day, NULL::text AS nothing, (\(date)::date + 1) AS next_day
                """).single()
            #expect(try row.decode("cents", as: Int64.self) == cents)
            #expect(try row.decode("name", as: String.self) == "Liffré")
            #expect(try row.decode("flag", as: Bool.self) == true)
            #expect(try row.decode("day", as: CalendarDate.self) == date)
            #expect(try row.decode("nothing", as: String?.self) == nil)
            #expect(try row.decode("next_day", as: CalendarDate.self) == CalendarDate(year: 2026, month: 3, day: 1))
        }
    }

    @Test func interpolatedValuesNeverBecomeSQL() throws {
        try TestDatabase.with { database in
            let connection = try database.connect()
            let hostile = "x'); DROP TABLE funds; --"
            let query: PostgresQuery = "SELECT \(hostile)::text AS echoed"
            #expect(query.sql == "SELECT $1::text AS echoed")
            #expect(try connection.query(query).single().decode("echoed", as: String.self) == hostile)
            #expect(try rowCount(connection, "funds") == 0)
        }
    }

    @Test func arraysBindAsPostgresArrays() throws {
        try TestDatabase.with { database in
            let connection = try database.connect()
            let names = ["a\"b", "c\\d", "é, f"]
            let rows = try connection.query("SELECT unnest(\(names)::text[]) AS name")
            #expect(try rows.map { try $0.decode("name", as: String.self) } == names)
        }
    }

    @Test func decodingTheWrongTypeNamesTheColumn() throws {
        try TestDatabase.with { database in
            let connection = try database.connect()
            let row = try connection.query("SELECT 'abc'::text AS code, NULL::bigint AS missing").single()
            let wrongType = postgresError { _ = try row.decode("code", as: Int64.self) }
            #expect(wrongType?.kind == .decoding)
            #expect(wrongType?.column == "code")
            let null = postgresError { _ = try row.decode("missing", as: Int64.self) }
            #expect(null?.kind == .decoding)
            #expect(null?.message.contains("NULL") == true)
        }
    }

    @Test func serverErrorsCarrySQLStateAndConstraint() throws {
        try TestDatabase.with { database in
            let connection = try database.connect()
            try connection.execute(script: "CREATE TABLE t (code text CONSTRAINT t_code_unique UNIQUE)")
            try connection.query("INSERT INTO t VALUES (\("A"))")
            let error = postgresError { try connection.query("INSERT INTO t VALUES (\("A"))") }
            #expect(error?.kind == .server)
            #expect(error?.sqlState == .uniqueViolation)
            #expect(error?.constraint == "t_code_unique")
            #expect(error?.table == "t")
            #expect(error?.detail?.contains("(code)=(A)") == true)
            #expect(error?.query == "INSERT INTO t VALUES ($1)")
            // The connection is still usable after an error.
            #expect(try connection.query("SELECT count(*) AS n FROM t").single().decode("n", as: Int64.self) == 1)
        }
    }

    @Test func theCallersOwnOptionsAreKept() throws {
        try TestDatabase.with { database in
            guard database.url.contains("?") else { return }
            let connection = try PostgresConnection(conninfo: database.url + "&options=-c%20search_path%3Dnowhere")
            #expect(try connection.query("SHOW search_path").single().decode(String.self, at: 0) == "nowhere")
            #expect(try connection.query("SHOW DateStyle").single().decode(String.self, at: 0) == "ISO, YMD")
        }
    }

    @Test func connectionFailureIsAClearError() {
        let error = postgresError {
            _ = try PostgresConnection(conninfo: "postgresql:///nowhere?host=/nonexistent-socket-dir&connect_timeout=2")
        }
        #expect(error?.kind == .connection)
        #expect(error?.message.contains("nonexistent-socket-dir") == true)
    }

    @Test func preparedStatementsAreReusedAcrossCalls() throws {
        try TestDatabase.with { database in
            let connection = try database.connect()
            connection.cachesPreparedStatements = true
            for value in 1...5 {
                let row = try connection.query("SELECT \(value)::int * 2 AS doubled").single()
                #expect(try row.decode("doubled", as: Int.self) == value * 2)
            }
            let prepared: Int64 = try connection.query("SELECT count(*) AS n FROM pg_prepared_statements")
                .single().decode("n")
            #expect(prepared == 2)  // the doubling statement and this count
        }
    }

    @Test func calendarDatesRejectImpossibleDays() {
        #expect(CalendarDate(year: 2026, month: 2, day: 30) == nil)
        #expect(CalendarDate(year: 2024, month: 2, day: 29) != nil)
        #expect(CalendarDate(year: 2100, month: 2, day: 29) == nil)
        #expect(CalendarDate(iso: "2026-1-5") == nil)
        let date = CalendarDate(year: 2026, month: 3, day: 31)!
        #expect(date.adding(days: 1) == CalendarDate(year: 2026, month: 4, day: 1))
        #expect(CalendarDate(daysSinceEpoch: date.daysSinceEpoch) == date)
    }
}
