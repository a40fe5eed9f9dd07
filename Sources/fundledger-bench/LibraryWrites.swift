import Dispatch
import Foundation
import Ledger
import Postgres

/// Contributions recorded through the library (`LedgerService` over the pool, as the HTTP service
/// records them), `clients` tasks at once, for `seconds`. Prints writes per second and latency
/// percentiles.
func benchLibraryWrites(clients: Int, seconds: Int) async throws {
    let pool = PostgresConnectionPool(size: clients)
    let service = LedgerService(pool: pool)
    let donors = try await service.read { reader in try reader.donorTotals(fund: "GAZA").map(\.donor) }
    guard !donors.isEmpty else {
        FileHandle.standardError.write(Data("fundledger-bench: no donor on GAZA: run `fundledger demo` first\n".utf8))
        exit(1)
    }
    let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(seconds) * 1_000_000_000
    let latencies = try await withThrowingTaskGroup(of: [UInt64].self) { group in
        for client in 0..<clients {
            group.addTask {
                var mine: [UInt64] = []
                var turn = client
                while DispatchTime.now().uptimeNanoseconds < deadline {
                    let donor = donors[turn % donors.count]
                    turn += clients
                    let start = DispatchTime.now().uptimeNanoseconds
                    _ = try await service.write(actor: "bench") { store in
                        try store.recordContribution(donor: donor, fund: "GAZA", amount: Money(cents: 1000),
                                                     on: CalendarDate(year: 2026, month: 3, day: 1)!)
                    }
                    mine.append(DispatchTime.now().uptimeNanoseconds - start)
                }
                return mine
            }
        }
        var all: [UInt64] = []
        for try await mine in group { all += mine }
        return all.sorted()
    }
    try await pool.shutdown()
    func percentile(_ p: Double) -> Double {
        Double(latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))]) / 1_000_000
    }
    print(String(format: "library %d client(s): %.0f writes/s, latency p50 %.2f ms, p99 %.2f ms (%d writes)",
                 clients, Double(latencies.count) / Double(seconds), percentile(0.5), percentile(0.99), latencies.count))
}
