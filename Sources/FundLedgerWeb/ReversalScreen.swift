import Foundation
import Hummingbird
import Ledger
import Postgres

/// The reversal of one entry of a fund (admins only), reached from the fund's latest entries:
/// the entry shown (nature, date, amount), a reason (required) and the date of the reversal.
/// The ledger writes the exact opposite entry, linked to it; both stay in the journal. A refusal
/// (already reversed, a reversal that would overdraw the fund, a closed period…) shows the form
/// again with the typed values; a success gives both entries' numbers. One idempotency key per
/// rendered form.
struct ReversalScreen: Sendable {
    let service: LedgerService
    let templates: WebTemplates

    struct Typed: Sendable {
        var reason = ""
        var date = ""
        var key = UUID().uuidString
        var refusals: [String: String] = [:]
    }

    func form(code: String, entry: String, signedIn: SignedIn) async throws -> Response {
        guard signedIn.role.allows(.admin) else { return Self.forbidden(templates, signedIn) }
        return try await page(code: code, entry: entry, typed: Typed(date: DateParser.today().description),
                              signedIn: signedIn)
    }

    func reverse(code: String, entry text: String, request: Request, signedIn: SignedIn) async throws -> Response {
        let form = try await FormBody.read(request)
        guard SessionToken.csrfMatches(form["csrf"], token: signedIn.token) else {
            return WebPage.forbidden(WebScreens.csrfRefusal).response(templates, signedIn: signedIn)
        }
        guard signedIn.role.allows(.admin) else { return Self.forbidden(templates, signedIn) }
        var typed = Typed(reason: form.text("reason"), date: form.text("date"), key: FormChecks.key(form.text("key")))
        guard let entry = try await entry(code: code, text) else { return notFound(signedIn) }
        if typed.reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            typed.refusals["reason"] = "Indiquez le motif de la contre-passation."
        }
        let date = FormChecks.date(typed.date, &typed.refusals)
        guard typed.refusals.isEmpty, let date else {
            return try await page(code: code, entry: text, typed: typed, signedIn: signedIn, status: .unprocessableContent)
        }
        let reason = typed.reason
        let key = FormChecks.idempotencyKey(typed.key, signedIn: signedIn)
        let reversal: JournalEntry
        do {
            reversal = try await service.write(actor: signedIn.actor) { store in
                try store.reverseEntry(entry.entry.id, reason: reason, on: date, idempotencyKey: key)
            }
        } catch let error as LedgerError where error.kind != .database && error.kind != .invariantViolated {
            typed.refusals[Self.field(of: error)] = Self.refusal(error)
            return try await page(code: code, entry: text, typed: typed, signedIn: signedIn, status: .unprocessableContent)
        } catch let error as InputError {
            typed.refusals[error.field == "reason" ? "reason" : "general"] = WebText.inputRefusal
            return try await page(code: code, entry: text, typed: typed, signedIn: signedIn, status: .unprocessableContent)
        }
        let values: [String: Any] = [
            "code": entry.fundCode, "entry": entry.entry.id, "reversal": reversal.id,
            "kind": FrenchLabels.entryKind(entry.entry.kind), "amount": Self.amount(entry).french,
            "date": FrenchText.date(reversal.valueDate), "reason": reason,
        ]
        return WebPage(template: "reversal_recorded", title: "Écriture contre-passée", values: values)
            .response(templates, signedIn: signedIn)
    }

    /// The entry numbered `text` if it is one of the fund `code`'s.
    private func entry(code: String, _ text: String) async throws -> EntryDetail? {
        guard let id = Int64(text), id > 0 else { return nil }
        do {
            let entry = try await service.read { reader in try reader.entry(id: id) }
            return NameSuggestions.fold(entry.fundCode) == NameSuggestions.fold(code) ? entry : nil
        } catch let error as LedgerError where error.kind == .notFound {
            return nil
        }
    }

    private func page(code: String, entry text: String, typed: Typed, signedIn: SignedIn,
                      status: HTTPResponse.Status = .ok) async throws -> Response {
        guard let entry = try await entry(code: code, text) else { return notFound(signedIn) }
        var values: [String: Any] = [
            "code": entry.fundCode, "entry": entry.entry.id, "kind": FrenchLabels.entryKind(entry.entry.kind),
            "date": FrenchText.date(entry.entry.valueDate), "amount": Self.amount(entry).french,
            "recordedBy": entry.entry.recordedBy, "reason": typed.reason, "reversalDate": typed.date,
            "key": typed.key, "csrf": signedIn.csrfToken,
            "isReversal": entry.entry.reversesEntryID != nil,
        ]
        if let reversedBy = entry.reversedByEntryID { values["reversedBy"] = reversedBy }
        for (field, message) in typed.refusals { values["\(field)Refusal"] = message }
        values["hasRefusals"] = !typed.refusals.isEmpty
        return WebPage(template: "reversal_form", title: "Contre-passer l’écriture n° \(entry.entry.id)",
                       values: values, status: status)
            .response(templates, signedIn: signedIn)
    }

    private func notFound(_ signedIn: SignedIn) -> Response {
        WebPage.notFound("Ce fonds n’a pas d’écriture de ce numéro.").response(templates, signedIn: signedIn)
    }

    /// An entry's amount: the sum of its debits.
    static func amount(_ entry: EntryDetail) -> Money {
        entry.postings.reduce(Money.zero) { $0 + ($1.amount.cents > 0 ? $1.amount : .zero) }
    }

    static func refusal(_ error: LedgerError) -> String {
        switch error.kind {
        case .cannotReverse: "Cette écriture ne peut pas être contre-passée (déjà contre-passée, ou elle-même une contre-passation)."
        case .insufficientFunds: "Fonds insuffisants : contre-passer ce versement mettrait le fonds à découvert."
        default: WebText.ledgerRefusal(error, taking: "d’écritures")
        }
    }

    static func field(of error: LedgerError) -> String {
        switch error.field {
        case "reason": return "reason"
        case "date", "on", "value_date": return "date"
        default: break
        }
        if error.code == .dateOutOfRange || error.kind == .periodClosed { return "date" }
        return "general"
    }

    static func forbidden(_ templates: WebTemplates, _ signedIn: SignedIn) -> Response {
        WebPage.forbidden("Seule l’administration peut contre-passer une écriture ; votre rôle : \(WebText.role(signedIn.role)).")
            .response(templates, signedIn: signedIn)
    }
}
