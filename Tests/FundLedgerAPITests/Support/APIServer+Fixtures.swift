import Foundation
import HTTPTypes
import Ledger
import Postgres
import Testing
import TestSupport

extension APIServer {
    /// Runs `body` with a store writing as `test` (the fixtures a test needs), then closes it.
    func seed<T>(_ body: (LedgerStore) throws -> T) throws -> T {
        let store = try database.store()
        defer { store.connection.close() }
        return try body(store)
    }

    /// Row counts of every table and every account balance: equal before and after a refusal.
    func snapshot() throws -> [String] {
        let connection = try database.connect()
        defer { connection.close() }
        return try ledgerSnapshot(connection)
    }

    /// One number of the database (`SELECT count(*) …`).
    func count(_ query: PostgresQuery) throws -> Int64 {
        let connection = try database.connect()
        defer { connection.close() }
        return try connection.query(query).single().decode("count", as: Int64.self)
    }

    /// Every item of a list, following `next_cursor` with pages of `limit`; the pages' sizes.
    func walk(_ path: String, limit: Int, as role: APIToken.Role = .reader) async throws -> (ids: [Int], pages: [Int]) {
        var ids: [Int] = []
        var pages: [Int] = []
        var cursor: String?
        let separator = path.contains("?") ? "&" : "?"
        repeat {
            let response = try await get(path + separator + "limit=\(limit)" + (cursor.map { "&cursor=\($0)" } ?? ""), as: role)
            #expect(response.status == .ok, "\(response)")
            guard response.status == .ok else { break }
            #expect(response.json.keys.contains("next_cursor"), "next_cursor must be present, null on the last page")
            ids += response.items.compactMap { $0["id"] as? Int }
            pages.append(response.items.count)
            cursor = response.json["next_cursor"] as? String
        } while cursor != nil && pages.count < 100
        return (ids, pages)
    }
}

/// A refusal as problem+json with the status and the field at fault.
func expectProblem(_ response: APIResponse, _ status: HTTPResponse.Status, field: String?,
                   sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(response.status == status, "\(response)", sourceLocation: sourceLocation)
    #expect(response.contentType == "application/problem+json", "\(response)", sourceLocation: sourceLocation)
    #expect(response.json["field"] as? String == field, "\(response)", sourceLocation: sourceLocation)
    #expect((response.json["type"] as? String)?.hasPrefix("/problems/") == true, sourceLocation: sourceLocation)
}

/// `2026-02-03` as the ledger's date.
func day(_ text: String) throws -> CalendarDate {
    try DateParser.parse(text)
}
