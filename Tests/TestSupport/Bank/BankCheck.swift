import Foundation
import Ledger
import Postgres

/// Holds a bank run's log against the database, read as the owner from the tables themselves
/// (postings and rows, never the cached balances alone). Returns every problem, one line each
/// (empty when the run is sound):
///
/// 1. postings sum to zero, in every entry and altogether;
/// 2. no fund's bank account (512) below zero at the end of any day, from the postings;
/// 3. every acknowledged operation present exactly once, with the id its answer gave (a double
///    post is two rows with its tag; a lost write, none); every refused one absent; one whose
///    answer never came (`unknown`: a crash) at most once;
/// 4. every retry answered what the first request answered (the same id);
/// 5. the idempotency keys stored are exactly the acknowledged requests' (a refused request
///    leaves none behind), give or take the unknown ones;
/// 6. each fund's bank account holds what the acknowledged answers add up to (Jepsen's total:
///    nothing created, nothing lost);
/// 7. refusals are the expected ones for their kind, each for its reason (FL018 only for a day in
///    the closed period, FL011 only for the closed fund), nothing failed otherwise, and nothing
///    acknowledged that started after the period's (or the fund's) close was acknowledged and
///    falls in it;
/// 8. `verify_ledger()` finds nothing.
public enum BankCheck {
    /// `allowingUnknown`: requests may have had no answer (the crash tests); otherwise one is a failure.
    public static func problems(_ log: BankLog, ledger: BankLedger?, connection: PostgresConnection,
                                allowingUnknown: Bool = false) throws -> [String] {
        let records = log.records
        var problems: [String] = []
        func problem(_ text: String) { if problems.count < 200 { problems.append(text) } }

        // 1. Postings sum to zero.
        let total: Int64 = try connection.query("SELECT coalesce(sum(amount), 0)::bigint AS s FROM postings").single().decode("s")
        if total != 0 { problem("postings sum to \(total), not zero") }
        for row in try connection.query("""
            SELECT entry_id, sum(amount)::bigint AS s, count(*) AS n FROM postings GROUP BY entry_id
            HAVING sum(amount) <> 0 OR count(*) < 2 LIMIT 20
            """) {
            problem("entry \(try row.decode("entry_id", as: Int64.self)) does not balance: sum \(try row.decode("s", as: Int64.self)), \(try row.decode("n", as: Int64.self)) postings")
        }

        // 2. No bank account below zero on any day.
        for row in try connection.query("""
            SELECT f.code, h.day, h.held FROM (
                SELECT a.id, a.fund_id, e.value_date AS day,
                       sum(sum(p.amount)) OVER (PARTITION BY a.id ORDER BY e.value_date)::bigint AS held
                  FROM postings p JOIN accounts a ON a.id = p.account_id AND a.number = '512000'
                  JOIN journal_entries e ON e.id = p.entry_id
                 GROUP BY a.id, a.fund_id, e.value_date) h
              JOIN funds f ON f.id = h.fund_id WHERE h.held < 0 ORDER BY f.code, h.day LIMIT 20
            """) {
            problem("fund \(try row.decode("code", as: String.self)) held \(try row.decode("held", as: Int64.self)) cents at the end of \(try row.decode("day", as: CalendarDate.self))")
        }

        // 3. Each tag's rows in the ledger.
        var found: [String: [Int64]] = [:]
        for row in try connection.query(#"""
            SELECT reference AS tag, id FROM contributions WHERE reference LIKE 'BK%'
            UNION ALL SELECT reference, id FROM disbursements WHERE reference LIKE 'BK%'
            UNION ALL SELECT reference, id FROM fund_settlements WHERE reference LIKE 'BK%'
            UNION ALL SELECT substring(description FROM '— (BK[a-z][0-9.]+)$'), id FROM journal_entries
             WHERE (reverses_entry_id IS NOT NULL OR kind = 'pledge_write_off') AND description ~ '— BK[a-z][0-9.]+$'
            """#) {
            found[try row.decode("tag"), default: []].append(try row.decode("id"))
        }
        var answered: [String: BankRecord] = [:]  // each tag's first answer (not a retry)
        for record in records where record.kind != .retry && record.tag.hasPrefix("BK") {
            if let earlier = answered[record.tag] {
                problem("tag \(record.tag) used twice by the workload (\(earlier.kind), \(record.kind))")
            }
            answered[record.tag] = record
        }
        for (tag, record) in answered.sorted(by: { $0.key < $1.key }) {
            let rows = found[tag] ?? []
            switch record.outcome {
            case .acknowledged(let id, _):
                if rows != [id] {
                    problem("\(record.kind.rawValue) \(tag) was acknowledged as \(id), the ledger holds \(rows.isEmpty ? "nothing" : "\(rows)")")
                }
            case .refused(let code, _):
                if !rows.isEmpty { problem("\(record.kind.rawValue) \(tag) was refused (\(code)), the ledger holds \(rows)") }
            case .unknown, .failed:
                if rows.count > 1 { problem("\(record.kind.rawValue) \(tag) (no answer) is in the ledger \(rows.count) times: \(rows)") }
            }
        }
        for (tag, rows) in found where answered[tag] == nil {
            problem("the ledger holds \(tag) (\(rows)), which no writer sent")
        }

        // 4. Retries answered the first answer.
        for record in records where record.kind == .retry {
            guard let original = record.original else { continue }
            let same = switch (original, record.outcome) {
            case (.acknowledged(let a, _), .acknowledged(let b, _)): a == b
            case (.refused(let a, _), .refused(let b, _)): a == b
            default: false
            }
            if !same { problem("retry of \(record.tag) (key \(record.key ?? "-")) answered \(record.outcome), the first answer was \(original)") }
        }

        // 5. Idempotency keys: exactly the acknowledged requests'.
        var storedKeys: [String: Int] = [:]
        for row in try connection.query("SELECT key FROM idempotency_keys WHERE key LIKE '%bank-%'") {
            let key: String = try row.decode("key")
            // The API scopes a key to its token (`api:<token>:<key>`); the workload's keys hold no `:`.
            let bare = String(key.split(separator: ":").last ?? "")
            storedKeys[bare, default: 0] += 1
        }
        var ackedKeys = Set<String>(), unknownKeys = Set<String>(), refusedKeys = Set<String>()
        for record in records {
            guard let key = record.key else { continue }
            switch record.outcome {
            case .acknowledged: ackedKeys.insert(key)
            case .refused: refusedKeys.insert(key)
            case .unknown, .failed: unknownKeys.insert(key)
            }
        }
        for (key, count) in storedKeys where count > 1 { problem("idempotency key \(key) stored \(count) times") }
        for key in ackedKeys where storedKeys[key] == nil { problem("acknowledged request with key \(key) left no key") }
        for key in storedKeys.keys where !ackedKeys.contains(key) && !unknownKeys.contains(key) {
            problem("key \(key) is stored but its request was \(refusedKeys.contains(key) ? "refused" : "never acknowledged")")
        }

        // 6. Each fund's bank holds what the acknowledged answers add up to.
        var expected: [String: Int64] = [:]
        var unresolved = false
        for record in answered.values {
            if case .acknowledged = record.outcome { expected[record.fund, default: 0] += record.bankEffect }
            if case .unknown = record.outcome { unresolved = true }
        }
        let held: [String: Int64] = try Dictionary(uniqueKeysWithValues: connection.query("""
            SELECT f.code, coalesce(sum(p.amount), 0)::bigint AS held
              FROM funds f JOIN accounts a ON a.fund_id = f.id AND a.number = '512000'
              LEFT JOIN postings p ON p.account_id = a.id GROUP BY f.code
            """).map { (try $0.decode("code", as: String.self), try $0.decode("held", as: Int64.self)) })
        if !unresolved {
            for code in Set(expected.keys).union(held.keys) where (expected[code] ?? 0) != (held[code] ?? 0) {
                problem("fund \(code): the acknowledged operations add up to \(expected[code] ?? 0) cents, its bank holds \(held[code] ?? 0)")
            }
        }

        // 7. Refusals are the expected ones, for their reasons; nothing failed.
        for record in records {
            switch record.outcome {
            case .failed(let why):
                problem("\(record.kind.rawValue) \(record.tag) by writer \(record.writer) failed: \(why)")
            case .unknown(let why) where !allowingUnknown:
                problem("\(record.kind.rawValue) \(record.tag) by writer \(record.writer) had no answer: \(why)")
            case .refused(let code, let message) where record.kind != .retry:
                if !record.kind.expectedRefusals.contains(code) {
                    problem("\(record.kind.rawValue) \(record.tag) refused with an unexpected \(code): \(message)")
                }
                if code == "FL018", let ledger, record.day > ledger.closeThrough {
                    problem("\(record.kind.rawValue) \(record.tag) dated \(record.day) refused as in the closed period (through \(ledger.closeThrough)): \(message)")
                }
                if code == "FL011" && record.fund != BankLedger.closingFund {
                    problem("\(record.kind.rawValue) \(record.tag) on the open fund \(record.fund) refused FL011: \(message)")
                }
            case .acknowledged where record.kind != .retry:
                if let ledger, record.afterPeriodClose, record.day <= ledger.closeThrough, record.kind != .periodClose {
                    problem("\(record.kind.rawValue) \(record.tag) dated \(record.day) was acknowledged after the books were closed through \(ledger.closeThrough)")
                }
                if record.afterFundClose, record.fund == BankLedger.closingFund {
                    problem("\(record.kind.rawValue) \(record.tag) on \(record.fund) was acknowledged after the fund was closed")
                }
            default: break
            }
        }

        // 8. verify.
        for row in try connection.query("SELECT problem, subject FROM verify_ledger()") {
            problem("verify_ledger: \(try row.decode("problem", as: String.self)) \(try row.decode("subject", as: String?.self) ?? "")")
        }
        return problems
    }

    /// What a run must have met to prove something (a run that refused everything, or never
    /// retried, would prove little): each kind acknowledged at least once, the refusals the run
    /// is built to meet (overdraw, closed fund, closed period) met, both closes done.
    public static func unmet(_ log: BankLog) -> [String] {
        let records = log.records
        var unmet: [String] = []
        for kind in [BankOperation.contribution, .disbursement, .reversal, .retry, .duplicate, .periodClose, .fundClose]
        where !records.contains(where: { $0.kind == kind && $0.outcome.ackedID != nil }) {
            unmet.append("no \(kind.rawValue) acknowledged")
        }
        for code in ["FL010", "FL011", "FL018"] where !records.contains(where: { $0.outcome.refusalCode == code }) {
            unmet.append("never refused \(code)")
        }
        return unmet
    }
}
