import Foundation

// `fundledger-bench [library-writes] --clients N --seconds S`: contributions recorded through the
// library (`LedgerService` over the pool, as the HTTP service records them), N tasks at once,
// for S seconds. Prints writes per second and latency percentiles, for `scripts/bench` and
// `scripts/bench-api` to put beside the same write over HTTP.
// `fundledger-bench report-quarterly --quarter 2026-Q1 [--rounds R]`: the quarterly report built
// in this process on one open connection, beside `SELECT count(*) FROM postings` on the same
// connection: what the report costs the server and the library, without a process start.
// A benchmark: nothing here is asserted anywhere.
let arguments = CommandLine.arguments
func option(_ name: String, default value: Int) -> Int {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count,
          let number = Int(arguments[index + 1]) else { return value }
    return number
}
func option(_ name: String, default value: String) -> String {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return value }
    return arguments[index + 1]
}

if arguments.dropFirst().first == "report-quarterly" {
    try benchQuarterlyReport(quarter: option("--quarter", default: "2026-Q1"), rounds: option("--rounds", default: 5))
} else {
    try await benchLibraryWrites(clients: option("--clients", default: 1), seconds: option("--seconds", default: 8))
}
