import Foundation
import Ledger
import Postgres

/// One way into the ledger for a bank run: the library (`LedgerService` over a pool) or the
/// HTTP API. Every call answers a `BankOutcome`, never throws: the workload logs it.
public protocol BankDriver: Sendable {
    /// Answers the contribution's id.
    func contribute(writer: Int, donor: String, fund: String, cents: Int64, on day: CalendarDate,
                    reference: String, key: String) async -> BankOutcome
    /// Answers the disbursement's id.
    func disburse(writer: Int, project: Int64, cents: Int64, on day: CalendarDate, reference: String,
                  key: String) async -> BankOutcome
    /// Answers the reversal entry's id.
    func reverse(writer: Int, entry: Int64, reason: String, on day: CalendarDate, key: String) async -> BankOutcome
    /// Answers the write-off entry's id.
    func writeOff(writer: Int, pledge: Int64, reason: String, on day: CalendarDate, key: String) async -> BankOutcome
    /// Answers the settlement's id and the amount refunded.
    func refund(writer: Int, fund: String, on day: CalendarDate, decision: String, key: String) async -> BankOutcome
    /// Closes the fund; answers its id.
    func closeFund(writer: Int, fund: String, on day: CalendarDate, key: String) async -> BankOutcome
    /// Closes the books through `day`; answers 1.
    func closePeriod(writer: Int, through day: CalendarDate) async -> BankOutcome
    /// The entry of a contribution or disbursement the run acknowledged (to reverse it).
    func entry(ofContribution id: Int64) async -> Int64?
    func entry(ofDisbursement id: Int64) async -> Int64?
}

/// The bank run itself: `run.writers` concurrent writers, each making `run.perWriter` seeded
/// random operations through `driver` and logging every answer.
///
/// Mix per writer: contributions (40 %), disbursements of up to twice an average balance, so
/// that many exceed what the fund holds (25 %), reversals of the writer's own acknowledged
/// entries, some already reversed (10 %), pledge write-offs (5 %), retries of an acknowledged
/// request with its idempotency key (12 %), a new contribution sent twice at once under one key
/// (3 %, through `duplicate`), dated over the last 40 days. Writer 0 closes the period through
/// the window's middle half-way; writer 1 settles and closes `BKZ` a quarter of the way (refund,
/// write-offs, close, again until the close is acknowledged), while the others still send it
/// a few contributions, and each one more once it is closed, which must then be refused (FL011).
public enum BankWorkload {
    public static func run(_ run: BankRun, ledger: BankLedger, driver: some BankDriver, log: BankLog = BankLog()) async -> BankLog {
        await withTaskGroup(of: Void.self) { group in
            for writer in 0..<run.writers {
                group.addTask {
                    var worker = Writer(writer: writer, rng: run.generator(writer: writer), run: run, ledger: ledger, log: log)
                    await worker.work(driver)
                }
            }
        }
        return log
    }

    /// What a writer remembers of its own acknowledged requests.
    struct Mine {
        var entryID: Int64
        var fund: String
        var day: CalendarDate
        var bankEffect: Int64
        var tag: String
    }

    struct Writer {
        let writer: Int
        var rng: SplitMix64
        let run: BankRun
        let ledger: BankLedger
        let log: BankLog
        var entries: [Mine] = []
        /// Requests acknowledged, to send again: how, and what they answered.
        var resendable: [(kind: BankOperation, tag: String, key: String, fund: String, day: CalendarDate,
                          outcome: BankOutcome, send: @Sendable () async -> BankOutcome)] = []

        mutating func work(_ driver: some BankDriver) async {
            var lateGiftSent = false
            for step in 0..<run.perWriter {
                if writer == 0 && step == run.perWriter / 2 { await closePeriod(driver) }
                if writer == 1 && step == run.perWriter / 4 { await closeFund(driver, step: step) }
                // Once the fund is closed, each writer sends it one more gift (a donor who did
                // not hear): refused, FL011, whatever the interleaving.
                if !lateGiftSent && log.isFundClosed {
                    lateGiftSent = true
                    await contribute(driver, step: step, fund: BankLedger.closingFund)
                    continue
                }
                let roll = rng.int(0..<100)
                switch roll {
                case 0..<40: await contribute(driver, step: step)
                case 40..<65: await disburse(driver, step: step)
                case 65..<75: await reverse(driver, step: step)
                case 75..<80: await writeOff(driver, step: step)
                case 80..<92: await retry(driver)
                default: await duplicate(driver, step: step)
                }
            }
        }

        func tag(_ letter: Character, _ step: Int) -> String { "BK\(letter)\(writer).\(step)" }
        func key(_ tag: String) -> String { "bank-\(run.seed)-\(tag)" }

        func record(_ kind: BankOperation, tag: String, key: String?, fund: String, day: CalendarDate,
                    outcome: BankOutcome, effect: Int64 = 0, original: BankOutcome? = nil,
                    periodClosed: Bool, fundClosed: Bool) {
            log.append(BankRecord(writer: writer, kind: kind, tag: tag, key: key, fund: fund, day: day, outcome: outcome,
                                  bankEffect: outcome.ackedID != nil ? effect : 0, original: original,
                                  afterPeriodClose: periodClosed, afterFundClose: fundClosed))
        }

        /// A fund: the closing one rarely once its closing has begun.
        mutating func fund() -> String {
            let code = BankLedger.funds[rng.int(0..<BankLedger.funds.count)]
            if code == BankLedger.closingFund && log.isClosingStarted && !rng.chance(15) {
                return BankLedger.funds[rng.int(0..<BankLedger.funds.count - 1)]
            }
            return code
        }

        mutating func contribute(_ driver: some BankDriver, step: Int, fund chosen: String? = nil) async {
            let writer = self.writer
            let fund = chosen ?? fund()
            let donor = ledger.donors[rng.int(0..<ledger.donors.count)]
            let cents = Int64(rng.int(100...60_000))
            let day = ledger.day(&rng)
            let tag = tag("c", step), key = key(tag)
            let (periodClosed, fundClosed) = (log.isPeriodClosed, log.isFundClosed)
            let send: @Sendable () async -> BankOutcome = {
                await driver.contribute(writer: writer, donor: donor, fund: fund, cents: cents, on: day, reference: tag, key: key)
            }
            let outcome = await send()
            record(.contribution, tag: tag, key: key, fund: fund, day: day, outcome: outcome, effect: cents,
                   periodClosed: periodClosed, fundClosed: fundClosed)
            if let id = outcome.ackedID {
                resendable.append((.contribution, tag, key, fund, day, outcome, send))
                if let entry = await driver.entry(ofContribution: id) {
                    entries.append(Mine(entryID: entry, fund: fund, day: day, bankEffect: cents, tag: tag))
                }
            }
        }

        mutating func disburse(_ driver: some BankDriver, step: Int) async {
            let writer = self.writer
            let fund = fund()
            let project = ledger.projects[fund]!
            // Up to about twice what a fund holds on average: many are refused (FL010).
            let ceiling = rng.chance(30) ? 400_000 : 60_000
            let cents = Int64(rng.int(100...ceiling))
            let day = ledger.day(&rng)
            let tag = tag("d", step), key = key(tag)
            let (periodClosed, fundClosed) = (log.isPeriodClosed, log.isFundClosed)
            let send: @Sendable () async -> BankOutcome = {
                await driver.disburse(writer: writer, project: project, cents: cents, on: day, reference: tag, key: key)
            }
            let outcome = await send()
            record(.disbursement, tag: tag, key: key, fund: fund, day: day, outcome: outcome, effect: -cents,
                   periodClosed: periodClosed, fundClosed: fundClosed)
            if let id = outcome.ackedID {
                resendable.append((.disbursement, tag, key, fund, day, outcome, send))
                if let entry = await driver.entry(ofDisbursement: id) {
                    entries.append(Mine(entryID: entry, fund: fund, day: day, bankEffect: -cents, tag: tag))
                }
            }
        }

        mutating func reverse(_ driver: some BankDriver, step: Int) async {
            let writer = self.writer
            guard !entries.isEmpty else { return await contribute(driver, step: step) }
            let target = entries[rng.int(0..<entries.count)]
            // Dated on or after the original (never before: FL014 would say so, and we want
            // the refusals to mean something), within the window.
            let span = ledger.today.daysSinceEpoch - target.day.daysSinceEpoch
            let day = target.day.adding(days: rng.int(0...max(0, span)))
            let tag = tag("r", step), key = key(tag)
            let (periodClosed, fundClosed) = (log.isPeriodClosed, log.isFundClosed)
            let send: @Sendable () async -> BankOutcome = {
                await driver.reverse(writer: writer, entry: target.entryID, reason: tag, on: day, key: key)
            }
            let outcome = await send()
            record(.reversal, tag: tag, key: key, fund: target.fund, day: day, outcome: outcome, effect: -target.bankEffect,
                   periodClosed: periodClosed, fundClosed: fundClosed)
            if outcome.ackedID != nil { resendable.append((.reversal, tag, key, target.fund, day, outcome, send)) }
        }

        mutating func writeOff(_ driver: some BankDriver, step: Int) async {
            let writer = self.writer
            let pledge = ledger.pledges[rng.int(0..<ledger.pledges.count)]
            let day = ledger.day(&rng)
            let tag = tag("w", step), key = key(tag)
            let (periodClosed, fundClosed) = (log.isPeriodClosed, log.isFundClosed)
            let send: @Sendable () async -> BankOutcome = {
                await driver.writeOff(writer: writer, pledge: pledge.id, reason: tag, on: day, key: key)
            }
            let outcome = await send()
            record(.writeOff, tag: tag, key: key, fund: pledge.fund, day: day, outcome: outcome,
                   periodClosed: periodClosed, fundClosed: fundClosed)
            if outcome.ackedID != nil { resendable.append((.writeOff, tag, key, pledge.fund, day, outcome, send)) }
        }

        /// The same request again: the same answer, nothing written (checked against the
        /// database afterwards too: one row per tag).
        mutating func retry(_ driver: some BankDriver) async {
            guard !resendable.isEmpty else { return }
            let earlier = resendable[rng.int(0..<resendable.count)]
            let outcome = await earlier.send()
            record(.retry, tag: earlier.tag, key: earlier.key, fund: earlier.fund, day: earlier.day, outcome: outcome,
                   original: earlier.outcome, periodClosed: log.isPeriodClosed, fundClosed: log.isFundClosed)
        }

        /// A new contribution sent twice at once with one key (a client that timed out and
        /// retried while its first request still ran): both answers the same id, one entry.
        mutating func duplicate(_ driver: some BankDriver, step: Int) async {
            let writer = self.writer
            let fund = fund()
            let donor = ledger.donors[rng.int(0..<ledger.donors.count)]
            let cents = Int64(rng.int(100...60_000))
            let day = ledger.day(&rng)
            let tag = tag("c", step), key = key(tag)
            let (periodClosed, fundClosed) = (log.isPeriodClosed, log.isFundClosed)
            let send: @Sendable () async -> BankOutcome = {
                await driver.contribute(writer: writer, donor: donor, fund: fund, cents: cents, on: day, reference: tag, key: key)
            }
            async let first = send()
            async let second = send()
            let (one, two) = await (first, second)
            record(.duplicate, tag: tag, key: key, fund: fund, day: day, outcome: one, effect: cents,
                   periodClosed: periodClosed, fundClosed: fundClosed)
            record(.retry, tag: tag, key: key, fund: fund, day: day, outcome: two, original: one,
                   periodClosed: periodClosed, fundClosed: fundClosed)
            if let id = one.ackedID {
                resendable.append((.contribution, tag, key, fund, day, one, send))
                if let entry = await driver.entry(ofContribution: id) {
                    entries.append(Mine(entryID: entry, fund: fund, day: day, bankEffect: cents, tag: tag))
                }
            }
        }

        mutating func closePeriod(_ driver: some BankDriver) async {
            let outcome = await driver.closePeriod(writer: writer, through: ledger.closeThrough)
            record(.periodClose, tag: "period", key: nil, fund: "*", day: ledger.closeThrough, outcome: outcome,
                   periodClosed: false, fundClosed: log.isFundClosed)
            if outcome.ackedID != nil { log.markPeriodClosed() }
        }

        /// Settles `BKZ` and closes it: refund what it holds to its donors, write off what its
        /// pledges still expect, close; again while contributions keep arriving (FL019).
        mutating func closeFund(_ driver: some BankDriver, step: Int) async {
            log.markClosingStarted()
            let fund = BankLedger.closingFund
            for attempt in 0..<40 {
                let periodClosed = log.isPeriodClosed
                let refundTag = "BKf\(writer).\(step).\(attempt)", refundKey = key(refundTag)
                let refunded = await driver.refund(writer: writer, fund: fund, on: ledger.today, decision: refundTag, key: refundKey)
                var effect: Int64 = 0
                if case .acknowledged(_, let amount) = refunded { effect = -(amount ?? 0) }
                record(.refund, tag: refundTag, key: refundKey, fund: fund, day: ledger.today, outcome: refunded,
                       effect: effect, periodClosed: periodClosed, fundClosed: false)
                for (index, pledge) in ledger.pledges.enumerated() where pledge.fund == fund {
                    let tag = "BKw\(writer).\(step).\(attempt).\(index)", key = key(tag)
                    let outcome = await driver.writeOff(writer: writer, pledge: pledge.id, reason: tag, on: ledger.today, key: key)
                    record(.writeOff, tag: tag, key: key, fund: fund, day: ledger.today, outcome: outcome,
                           periodClosed: periodClosed, fundClosed: false)
                }
                let closeKey = key("BKx\(writer).\(step).\(attempt)")
                let closed = await driver.closeFund(writer: writer, fund: fund, on: ledger.today, key: closeKey)
                record(.fundClose, tag: "close-\(attempt)", key: closeKey, fund: fund, day: ledger.today, outcome: closed,
                       periodClosed: periodClosed, fundClosed: false)
                if closed.ackedID != nil {
                    log.markFundClosed()
                    return
                }
                try? await Task.sleep(for: .milliseconds(5))
            }
        }
    }
}
