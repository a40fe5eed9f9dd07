import Foundation
import Postgres

/// What a driver (the library, the HTTP API) answered for one request.
public enum BankOutcome: Sendable, Equatable, CustomStringConvertible {
    /// Written: the id the answer gave (contribution, disbursement, entry, settlement, fund),
    /// and the money it moved, when the answer says (a refund's amount).
    case acknowledged(id: Int64, amount: Int64?)
    /// Refused by the ledger with its FL code (`FL010`).
    case refused(code: String, message: String)
    /// No answer to rely on (connection lost, 503, server gone): written or not, unknown.
    case unknown(String)
    /// Anything else (a 500, an error without FL code): always a failure of the test.
    case failed(String)

    public var description: String {
        switch self {
        case .acknowledged(let id, let amount): "acknowledged id \(id)" + (amount.map { " amount \($0)" } ?? "")
        case .refused(let code, let message): "refused \(code): \(message)"
        case .unknown(let why): "unknown (\(why))"
        case .failed(let why): "FAILED \(why)"
        }
    }

    public var ackedID: Int64? {
        if case .acknowledged(let id, _) = self { return id }
        return nil
    }

    public var refusalCode: String? {
        if case .refused(let code, _) = self { return code }
        return nil
    }
}

/// The kinds of operations a bank run makes.
public enum BankOperation: String, Sendable, CaseIterable {
    case contribution, disbursement, reversal, writeOff = "write-off", refund, fundClose = "fund-close"
    case periodClose = "period-close"
    /// The same request again, with the same idempotency key: must answer the first answer.
    case retry
    /// A new contribution sent twice at once with one key: both answers the same, one entry.
    case duplicate

    /// The FL codes the ledger may rightly answer: any other refusal fails the test.
    ///  FL010 not enough money (today or on a past day), FL011 the fund is closed,
    ///  FL014 cannot reverse (already reversed), FL015 nothing outstanding on the pledge,
    ///  FL018 dated in the closed period, FL019 the fund is not settled (or received nothing).
    public var expectedRefusals: Set<String> {
        switch self {
        case .contribution, .duplicate: ["FL011", "FL018"]
        case .disbursement: ["FL010", "FL011", "FL018"]
        case .reversal: ["FL010", "FL011", "FL014", "FL018"]
        case .writeOff: ["FL011", "FL015", "FL018"]
        case .refund: ["FL010", "FL011", "FL019"]
        case .fundClose: ["FL019"]
        case .periodClose, .retry: []
        }
    }
}

/// One request and its answer, as a writer logged it.
public struct BankRecord: Sendable {
    public var writer: Int
    public var kind: BankOperation
    /// The operation's mark in the ledger (its reference, or its reason's end): `BKc3.45`.
    /// A retry carries its original's.
    public var tag: String
    public var key: String?
    public var fund: String
    public var day: CalendarDate
    public var outcome: BankOutcome
    /// What an acknowledged operation moved on its fund's bank account (512), signed.
    public var bankEffect: Int64 = 0
    /// A retry's original answer, to compare.
    public var original: BankOutcome?
    /// Started after the period close (resp. the fund's close) was acknowledged.
    public var afterPeriodClose = false
    public var afterFundClose = false

    public init(writer: Int, kind: BankOperation, tag: String, key: String?, fund: String, day: CalendarDate,
                outcome: BankOutcome, bankEffect: Int64 = 0, original: BankOutcome? = nil,
                afterPeriodClose: Bool = false, afterFundClose: Bool = false) {
        self.writer = writer
        self.kind = kind
        self.tag = tag
        self.key = key
        self.fund = fund
        self.day = day
        self.outcome = outcome
        self.bankEffect = bankEffect
        self.original = original
        self.afterPeriodClose = afterPeriodClose
        self.afterFundClose = afterFundClose
    }
}

/// Every writer's records, and the run's moments (period closed, fund closed).
public final class BankLog: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [BankRecord] = []
    private var periodClosed = false
    private var fundClosed = false
    private var closingStarted = false

    public init() {}

    public func append(_ record: BankRecord) { lock.withLock { storage.append(record) } }
    public var records: [BankRecord] { lock.withLock { storage } }

    public var isPeriodClosed: Bool { lock.withLock { periodClosed } }
    public var isFundClosed: Bool { lock.withLock { fundClosed } }
    public var isClosingStarted: Bool { lock.withLock { closingStarted } }
    func markPeriodClosed() { lock.withLock { periodClosed = true } }
    func markFundClosed() { lock.withLock { fundClosed = true } }
    func markClosingStarted() { lock.withLock { closingStarted = true } }

    /// Every record, one line each (writer, kind, tag, key, fund, day, answer), into a file of
    /// the temporary folder named after the run's seed; returns its path. For a failing run.
    @discardableResult
    public func dump(_ label: String, seed: UInt64) -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fundledger-\(label)-\(seed).log").path
        let lines = records.map { record in
            "w\(record.writer)\t\(record.kind.rawValue)\t\(record.tag)\t\(record.key ?? "-")\t\(record.fund)\t\(record.day)\t\(record.outcome)"
                + (record.original.map { "\t(first answer: \($0))" } ?? "")
        }
        try? (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Counts for the report: per kind, acknowledged / refused by code / unknown / failed.
    public var summary: String {
        let records = self.records
        var lines: [String] = []
        for kind in BankOperation.allCases {
            let mine = records.filter { $0.kind == kind }
            guard !mine.isEmpty else { continue }
            let acked = mine.filter { $0.outcome.ackedID != nil }.count
            var refusals: [String: Int] = [:]
            for record in mine { if let code = record.outcome.refusalCode { refusals[code, default: 0] += 1 } }
            let unknown = mine.filter { if case .unknown = $0.outcome { true } else { false } }.count
            let failed = mine.filter { if case .failed = $0.outcome { true } else { false } }.count
            lines.append("\(kind.rawValue): \(mine.count) (acknowledged \(acked)"
                + refusals.sorted { $0.key < $1.key }.map { ", \($0.key) \($0.value)" }.joined()
                + (unknown > 0 ? ", unknown \(unknown)" : "") + (failed > 0 ? ", FAILED \(failed)" : "") + ")")
        }
        let acked = records.filter { $0.outcome.ackedID != nil }.count
        let refused = records.filter { $0.outcome.refusalCode != nil }.count
        return "\(records.count) requests: \(acked) acknowledged, \(refused) refused\n  " + lines.joined(separator: "\n  ")
    }
}
