import Postgres
import Testing
import TestSupport

@Suite("COPY FROM STDIN")
struct CopyTests {
    @Test func streamsRowsWithEscapesAndUTF8() throws {
        try TestDatabase.with { database in
            let connection = try database.connect()
            try connection.execute(script: "CREATE TABLE t (n int, label text)")
            let labels = ["Liffré", "tab\there", "line\nbreak", "back\\slash", "Gölbaşı"]
            let copied = try connection.copyIn("COPY t (n, label) FROM STDIN", chunkSize: 16) { writer in
                for (index, label) in labels.enumerated() {
                    try writer.writeRow([String(index), label])
                }
                try writer.writeRow(["99", nil])
            }
            #expect(copied == labels.count + 1)
            let back = try connection.query("SELECT label FROM t WHERE n < 99 ORDER BY n")
                .map { try $0.decode("label", as: String.self) }
            #expect(back == labels)
            #expect(try connection.query("SELECT label FROM t WHERE n = 99").single().decode("label", as: String?.self) == nil)
        }
    }

    @Test func aProducerErrorAbortsTheWholeCopy() throws {
        try TestDatabase.with { database in
            let connection = try database.connect()
            try connection.execute(script: "CREATE TABLE t (n int)")
            struct BadLine: Error {}
            #expect(throws: BadLine.self) {
                try connection.copyIn("COPY t FROM STDIN", chunkSize: 8) { writer in
                    for n in 0..<100 { try writer.writeRow([String(n)]) }
                    throw BadLine()
                }
            }
            #expect(try rowCount(connection, "t") == 0)
            #expect(connection.isIdle)
        }
    }

    @Test func aServerRefusalIsReportedAndTheConnectionStaysUsable() throws {
        try TestDatabase.with { database in
            let connection = try database.connect()
            try connection.execute(script: "CREATE TABLE t (n int)")
            let error = postgresError {
                try connection.copyIn("COPY t FROM STDIN") { writer in
                    try writer.writeRow(["1"])
                    try writer.writeRow(["not a number"])
                }
            }
            #expect(error?.sqlState == .invalidTextRepresentation)
            #expect(try rowCount(connection, "t") == 0)
        }
    }
}
