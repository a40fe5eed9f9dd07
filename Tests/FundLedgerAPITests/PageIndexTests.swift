import Foundation
import Ledger
import Postgres
import Testing
import TestSupport

/// The pages' shape (`filter = x AND id > cursor ORDER BY id LIMIT n`) walks the (filter, id)
/// indexes of migration 0010 rather than the primary key with a filter. Sequential scans are
/// disabled so that the plan on a tiny test table is the one a large table would get.
@Suite struct PageIndexTests {
    @Test(arguments: [
        ("pledges", "fund_id", "pledge_fund_id"),
        ("pledges", "donor_id", "pledge_donor_id"),
        ("contributions", "fund_id", "contribution_fund_id"),
        ("disbursements", "fund_id", "disbursement_fund_id"),
        ("disbursements", "project_id", "disbursement_project_id"),
    ])
    func aFilteredPageUsesItsIndex(table: String, column: String, index: String) throws {
        try TestDatabase.with { database in
            let connection = try database.connect()
            defer { connection.close() }
            try connection.execute(script: "SET enable_seqscan = off; ANALYZE \(table)")
            let sql = "EXPLAIN SELECT * FROM \(table) WHERE \(column) = 1 AND id > 5 ORDER BY id LIMIT 101"
            let plan = try connection.query(PostgresQuery(sql: sql)).map { try $0.decode("QUERY PLAN", as: String.self) }.joined(separator: "\n")
            #expect(plan.contains(index), "\(plan)")
            #expect(!plan.contains("Sort"), "\(plan)")
        }
    }
}
