import Dispatch
import Foundation
import Postgres
import Reports

/// The quarterly report (every fund, with its detail, rendered as JSON) built `rounds` times on one
/// connection, beside as many `SELECT count(*) FROM postings` on the same connection; prints the
/// best time of each. The report reads the cached daily totals and a few index probes per donor,
/// never the postings: its cost is meant to stay a small fraction of one count over them.
func benchQuarterlyReport(quarter text: String, rounds: Int) throws {
    guard let quarter = Quarter(parsing: text) else {
        FileHandle.standardError.write(Data("fundledger-bench: --quarter \(text): expected YYYY-Qn\n".utf8))
        exit(64)
    }
    let connection = try PostgresConnection()
    func best(_ body: () throws -> Void) rethrows -> Double {
        var best = Double.infinity
        for _ in 0..<max(rounds, 1) {
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
        }
        return best
    }
    let report = try best {
        _ = QuarterlyReportJSON.render(try QuarterlyReportQuery(connection: connection).report(quarter: quarter))
    }
    let count = try best { _ = try connection.query("SELECT count(*) FROM postings") }
    print(String(format: "quarterly report %@ in process: %.1f ms; count(*) over postings, same connection: %.1f ms",
                 quarter.description, report, count))
}
