import Metrics

/// The ledger's own counters on /metrics, beside Hummingbird's per-route requests and latency:
/// writes by kind (`fundledger_writes_total{kind="contribution"}`) and refusals by problem type
/// (`fundledger_refusals_total{type="insufficient-funds"}`).
enum APIMetrics {
    static func write(_ kind: String) {
        Counter(label: "fundledger_writes_total", dimensions: [("kind", kind)]).increment()
    }

    static func refusal(_ problem: Problem) {
        Counter(label: "fundledger_refusals_total",
                dimensions: [("type", problem.slug), ("status", String(problem.status.code))]).increment()
    }
}
