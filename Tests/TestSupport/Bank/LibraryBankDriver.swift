import Foundation
import Ledger
import Postgres

/// A bank run through the library, as the server uses it: `LedgerService` (hence `LedgerStore`)
/// over a `PostgresConnectionPool`, each writer recording as `bank:w<n>`.
public struct LibraryBankDriver: BankDriver {
    public let service: LedgerService

    public init(service: LedgerService) { self.service = service }

    /// The answer of one write: its id, or the ledger's refusal with its FL code; a lost
    /// connection is an unknown outcome; anything else a failure.
    func answer<T: Sendable>(_ writer: Int, id: @escaping @Sendable (T) -> (Int64, Int64?),
                             _ body: @escaping @Sendable (LedgerStore) throws -> T) async -> BankOutcome {
        do {
            let written = try await service.write(actor: "bank:w\(writer)", body)
            let (value, amount) = id(written)
            return .acknowledged(id: value, amount: amount)
        } catch let error as LedgerError {
            if let code = error.code { return .refused(code: code.rawValue, message: error.message) }
            if error.kind == .database { return .unknown(String(reflecting: error)) }
            return .failed(String(reflecting: error))
        } catch let error as PostgresError where error.kind == .connection {
            return .unknown(error.description)
        } catch {
            return .failed(String(reflecting: error))
        }
    }

    public func contribute(writer: Int, donor: String, fund: String, cents: Int64, on day: CalendarDate,
                           reference: String, key: String) async -> BankOutcome {
        await answer(writer, id: { ($0.id, nil) }) { store in
            try store.recordContribution(donor: donor, fund: fund, amount: Money(cents: cents), on: day,
                                         reference: reference, idempotencyKey: key)
        }
    }

    public func disburse(writer: Int, project: Int64, cents: Int64, on day: CalendarDate, reference: String,
                         key: String) async -> BankOutcome {
        await answer(writer, id: { ($0.id, nil) }) { store in
            try store.recordDisbursement(project: project, amount: Money(cents: cents), on: day, reference: reference,
                                         idempotencyKey: key)
        }
    }

    public func reverse(writer: Int, entry: Int64, reason: String, on day: CalendarDate, key: String) async -> BankOutcome {
        await answer(writer, id: { ($0.id, nil) }) { store in
            try store.reverseEntry(entry, reason: reason, on: day, idempotencyKey: key)
        }
    }

    public func writeOff(writer: Int, pledge: Int64, reason: String, on day: CalendarDate, key: String) async -> BankOutcome {
        await answer(writer, id: { ($0.id, nil) }) { store in
            try store.writeOffPledge(pledge, reason: reason, on: day, idempotencyKey: key)
        }
    }

    public func refund(writer: Int, fund: String, on day: CalendarDate, decision: String, key: String) async -> BankOutcome {
        await answer(writer, id: { ($0.id, $0.amount.cents) }) { store in
            try store.refundFund(fund, amount: nil, on: day, reference: decision, agreedOn: day, idempotencyKey: key)
        }
    }

    public func closeFund(writer: Int, fund: String, on day: CalendarDate, key: String) async -> BankOutcome {
        await answer(writer, id: { ($0.id, nil) }) { store in
            try store.setFundStatus(code: fund, status: .closed, on: day, idempotencyKey: key)
        }
    }

    public func closePeriod(writer: Int, through day: CalendarDate) async -> BankOutcome {
        await answer(writer, id: { _ in (1, nil) }) { store in try store.closePeriod(through: day) }
    }

    public func entry(ofContribution id: Int64) async -> Int64? {
        try? await service.read { try $0.contribution(id: id).entryID }
    }

    public func entry(ofDisbursement id: Int64) async -> Int64? {
        try? await service.read { try $0.disbursement(id: id).entryID }
    }
}
