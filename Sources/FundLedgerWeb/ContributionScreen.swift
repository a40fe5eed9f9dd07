import Foundation
import Hummingbird
import Ledger
import Postgres

/// The contribution form of a fund (clerks and admins): donor picked in a list in French order,
/// amount typed the French way, date, reference. A refusal shows the form again with what was
/// typed and the message next to its field; a success says what was recorded. Each rendered
/// form carries its own idempotency key: a double click or a resent form records once.
struct ContributionScreen: Sendable {
    let service: LedgerService
    let templates: WebTemplates

    /// What the form shows: the typed values, and the refusals by field (`donor`, `amount`,
    /// `date`, `reference`, and `general` for the others).
    struct Typed: Sendable {
        var donor = ""
        var amount = ""
        var date = ""
        var reference = ""
        var key = UUID().uuidString
        var refusals: [String: String] = [:]
    }

    func form(code: String, signedIn: SignedIn) async throws -> Response {
        guard signedIn.role.allows(.clerk) else { return Self.forbidden(templates, signedIn) }
        return try await page(code: code, typed: Typed(date: DateParser.today().description), signedIn: signedIn)
    }

    func record(code: String, request: Request, signedIn: SignedIn) async throws -> Response {
        let form = try await FormBody.read(request)
        guard SessionToken.csrfMatches(form["csrf"], token: signedIn.token) else {
            return WebPage.forbidden(WebScreens.csrfRefusal).response(templates, signedIn: signedIn)
        }
        guard signedIn.role.allows(.clerk) else { return Self.forbidden(templates, signedIn) }
        var typed = Typed(donor: form.text("donor"), amount: form.text("amount"), date: form.text("date"),
                          reference: form.text("reference"), key: form.text("key"))
        if typed.key.isEmpty { typed.key = UUID().uuidString }
        var amount: Money?
        var date: CalendarDate?
        if typed.donor.isEmpty { typed.refusals["donor"] = "Choisissez le donateur." }
        do { amount = try MoneyParser.parse(typed.amount, field: "amount") } catch let error as InputError {
            typed.refusals["amount"] = WebText.amountRefusal(error)
        }
        do { date = try DateParser.parse(typed.date, field: "date") } catch let error as InputError {
            typed.refusals["date"] = WebText.dateRefusal(error)
        }
        guard typed.refusals.isEmpty, let amount, let date else {
            return try await page(code: code, typed: typed, signedIn: signedIn, status: .unprocessableContent)
        }
        let reference = typed.reference.trimmingCharacters(in: .whitespaces).isEmpty ? nil : typed.reference
        let key = "web:\(SessionToken.digest(signedIn.email).prefix(16)):\(typed.key)"
        let donor = typed.donor
        let contribution: Contribution
        do {
            contribution = try await service.write(actor: signedIn.actor) { store in
                try store.recordContribution(donor: donor, fund: code, amount: amount, on: date,
                                             reference: reference, idempotencyKey: key)
            }
        } catch let error as LedgerError where error.kind != .database && error.kind != .invariantViolated {
            typed.refusals[Self.field(of: error)] = WebText.ledgerRefusal(error)
            return try await page(code: code, typed: typed, signedIn: signedIn, status: .unprocessableContent)
        } catch let error as InputError {
            typed.refusals[Self.field(of: error.field)] = "Valeur refusée (caractères invisibles ou de contrôle, ou trop longue)."
            return try await page(code: code, typed: typed, signedIn: signedIn, status: .unprocessableContent)
        }
        var values: [String: Any] = [
            "code": contribution.fund, "donor": contribution.donor, "amount": contribution.amount.french,
            "date": FrenchText.date(contribution.receivedOn), "entry": contribution.entryID,
        ]
        if let reference = contribution.reference { values["reference"] = reference }
        if contribution.appliedToPledges.cents > 0 {
            values["applied"] = contribution.appliedToPledges.french
        }
        return WebPage(template: "contribution_recorded", title: "Versement enregistré", values: values)
            .response(templates, signedIn: signedIn)
    }

    private func page(code: String, typed: Typed, signedIn: SignedIn,
                      status: HTTPResponse.Status = .ok) async throws -> Response {
        let loaded: (Fund, [Donor], [PledgeStatus])
        do {
            loaded = try await service.read { reader in
                let fund = try reader.fund(code: code)
                return (fund, try reader.donors(), try reader.pledges(fund: fund.code))
            }
        } catch let error as LedgerError where error.kind == .notFound {
            return WebPage.notFound("Aucun fonds n’a ce code.").response(templates, signedIn: signedIn)
        }
        let (fund, donors, pledges) = loaded
        // The pledges a contribution will pay, before it is saved: a donor's open pledges to this
        // fund, oldest first (the ledger's rule, `allocate_to_pledges`), said in the donor's option
        // and listed under the form.
        let open = pledges.filter { $0.state == .open && $0.outstanding.cents > 0 }
        let options: [[String: Any]] = donors.map { donor in
            var label = donor.name
            let awaited = open.filter { $0.donor == donor.name }
            if let oldest = awaited.first {
                label += " — paiera d’abord la promesse n°\u{00A0}\(oldest.id) (reste \(oldest.outstanding.french))"
            }
            return ["name": donor.name, "label": label,
                    "selected": NameSuggestions.fold(donor.name) == NameSuggestions.fold(typed.donor)]
        }
        let awaited: [[String: Any]] = open.map { pledge in
            ["donor": pledge.donor, "id": pledge.id, "date": FrenchText.date(pledge.pledgedOn),
             "outstanding": pledge.outstanding.french, "reference": pledge.reference ?? ""]
        }
        var values: [String: Any] = [
            "pledges": awaited, "hasPledges": !awaited.isEmpty,
            "code": fund.code, "name": fund.name, "donors": options, "amount": typed.amount, "date": typed.date,
            "reference": typed.reference, "key": typed.key, "csrf": signedIn.csrfToken,
            "noDonorChosen": typed.donor.isEmpty,
        ]
        for (field, message) in typed.refusals { values["\(field)Refusal"] = message }
        values["hasRefusals"] = !typed.refusals.isEmpty
        return WebPage(template: "contribution_form", title: "Versement au fonds \(fund.code)", values: values,
                       status: status)
            .response(templates, signedIn: signedIn)
    }

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

    static func field(of name: String) -> String {
        switch name {
        case "amount", "amount_cents": "amount"
        case "donor", "name": "donor"
        case "date", "received_on", "on": "date"
        case "reference": "reference"
        default: "general"
        }
    }
}
