import Foundation
import Hummingbird
import Ledger
import Postgres

/// What the write forms share: reading a typed amount and date into a refusal by field, the
/// idempotency key a rendered form carries (scoped to the user, so that two people's forms never
/// collide), the field a ledger refusal belongs by, and the page for a role that may not record.
enum FormChecks {
    /// The amount typed the French way, or nil with `refusals["amount"]` set.
    static func amount(_ text: String, _ refusals: inout [String: String]) -> Money? {
        do { return try MoneyParser.parse(text, field: "amount") } catch let error as InputError {
            refusals["amount"] = WebText.amountRefusal(error)
        } catch {
            refusals["amount"] = "Montant illisible : écrivez par exemple 1 234,56."
        }
        return nil
    }

    /// The date typed (2026-07-08 or 08/07/2026), or nil with `refusals["date"]` set.
    static func date(_ text: String, _ refusals: inout [String: String]) -> CalendarDate? {
        do { return try DateParser.parse(text, field: "date") } catch let error as InputError {
            refusals["date"] = WebText.dateRefusal(error)
        } catch {
            refusals["date"] = "Date illisible : écrivez par exemple 2026-07-08 ou 08/07/2026."
        }
        return nil
    }

    /// The ledger's idempotency key of a form's own key.
    static func idempotencyKey(_ formKey: String, signedIn: SignedIn) -> String {
        "web:\(SessionToken.digest(signedIn.email).prefix(16)):\(formKey)"
    }

    /// The form's key as posted, or a new one when it is missing.
    static func key(_ posted: String) -> String { posted.isEmpty ? UUID().uuidString : posted }

    /// The page for a role that may read but not record.
    static func forbidden(_ templates: WebTemplates, _ signedIn: SignedIn) -> Response {
        WebPage.forbidden("Votre rôle (\(WebText.role(signedIn.role))) permet de consulter, pas d’enregistrer.")
            .response(templates, signedIn: signedIn)
    }

    /// The form's field a refusal of the ledger is about.
    static func field(of error: LedgerError) -> String {
        if let name = error.field, field(of: name) != "general" { return field(of: name) }
        switch error.code {
        case .dateOutOfRange: return "date"
        case .textRefused: return "reference"
        default: break
        }
        return error.kind == .notFound ? "donor" : "general"
    }

    /// The form's field a ledger field name is about ("general" when none).
    static func field(of name: String) -> String {
        switch name {
        case "amount", "amount_cents": "amount"
        case "donor", "name": "donor"
        case "date", "received_on", "pledged_on", "on", "value_date": "date"
        case "reference": "reference"
        default: "general"
        }
    }
}
