import Foundation
import Ledger
import Postgres

/// What the contribution and pledge forms show and send: the donor picked in the list, the amount
/// and the date typed the French way, a reference, the form's idempotency key, and the refusals
/// by field (`donor`, `amount`, `date`, `reference`, and `general` for the others).
struct DonorFormFields: Sendable {
    var donor = ""
    var amount = ""
    var date = ""
    var reference = ""
    var key = UUID().uuidString
    var refusals: [String: String] = [:]

    /// What was sent, checked before the ledger is asked: a donor chosen, the amount and the date
    /// read; nil amount or date, and a refusal by field, when one cannot be.
    static func checked(_ form: FormBody) -> (fields: DonorFormFields, amount: Money?, date: CalendarDate?) {
        var fields = DonorFormFields(donor: form.text("donor"), amount: form.text("amount"), date: form.text("date"),
                                     reference: form.text("reference"), key: FormChecks.key(form.text("key")))
        if fields.donor.isEmpty { fields.refusals["donor"] = "Choisissez le donateur." }
        let amount = FormChecks.amount(fields.amount, &fields.refusals)
        let date = FormChecks.date(fields.date, &fields.refusals)
        return (fields, amount, date)
    }
}

extension FormChecks {
    /// `write`'s result, or nil once the ledger's refusal of it is put next to its field in
    /// `refusals` (a refusal: any `LedgerError` but a database failure or a broken invariant,
    /// which stay errors, and any `InputError`). `taking` words what a closing fund no longer
    /// takes (WebText.ledgerRefusal).
    static func recording<T: Sendable>(_ service: LedgerService, as signedIn: SignedIn,
                                       refusals: inout [String: String], taking: String = "de versements",
                                       _ write: @escaping @Sendable (LedgerStore) throws -> T) async throws -> T? {
        do {
            return try await service.write(actor: signedIn.actor, write)
        } catch let error as LedgerError where error.kind != .database && error.kind != .invariantViolated {
            refusals[field(of: error)] = WebText.ledgerRefusal(error, taking: taking)
            return nil
        } catch let error as InputError {
            refusals[field(of: error.field)] = WebText.inputRefusal
            return nil
        }
    }
}
