import Postgres
import Testing
import TestSupport

/// An enum read from a column: known values decode, an unknown one throws naming the column and
/// the value instead of falling back to a default.
@Suite("Decoding enums refuses unknown values")
struct RawRepresentableDecodingTests {
    enum Colour: String, PostgresDecodable { case red, green }
    enum Level: Int, PostgresDecodable { case low = 1, high = 2 }

    @Test func knownValuesDecode() throws {
        try TestDatabase.with { database in
            let row = try database.connect()
                .query("SELECT 'green'::text AS colour, 2 AS level, NULL::text AS missing").single()
            #expect(try row.decode("colour", as: Colour.self) == .green)
            #expect(try row.decode("level", as: Level.self) == .high)
            #expect(try row.decode("missing", as: Colour?.self) == nil)
            #expect(try row.decode("colour", as: Colour?.self) == .green)
        }
    }

    @Test func anUnknownValueThrowsNamingTheColumnAndTheValue() throws {
        try TestDatabase.with { database in
            let row = try database.connect()
                .query("SELECT 'purple'::text AS colour, 7 AS level, 'x'::text AS bad_level").single()
            for error in [postgresError { _ = try row.decode("colour", as: Colour.self) },
                          postgresError { _ = try row.decode("colour", as: Colour?.self) }] {
                #expect(error?.kind == .decoding)
                #expect(error?.column == "colour")
                #expect(error?.message.contains("colour") == true, "\(String(describing: error))")
                #expect(error?.message.contains("purple") == true, "\(String(describing: error))")
            }
            let level = postgresError { _ = try row.decode("level", as: Level.self) }
            #expect(level?.column == "level")
            #expect(level?.message.contains("7") == true, "\(String(describing: level))")
            let notANumber = postgresError { _ = try row.decode("bad_level", as: Level.self) }
            #expect(notANumber?.kind == .decoding)
            #expect(notANumber?.column == "bad_level")
        }
    }
}
