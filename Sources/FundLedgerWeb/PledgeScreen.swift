import Foundation
import Hummingbird
import Ledger
import Postgres

/// The pledge form of a fund (clerks and admins): the donor in French order, the amount promised
/// typed the French way, the date of the promise, a reference. Refusals by field with the typed
/// values kept; a success gives the amount, the pledge's and the entry's numbers. One
/// idempotency key per rendered form.
struct PledgeScreen: Sendable {
    let service: LedgerService
    let templates: WebTemplates

    struct Typed: Sendable {
        var donor = ""
        var amount = ""
        var date = ""
        var reference = ""
        var key = UUID().uuidString
        var refusals: [String: String] = [:]
    }

    func form(code: String, signedIn: SignedIn) async throws -> Response {
        guard signedIn.role.allows(.clerk) else { return FormChecks.forbidden(templates, signedIn) }
        return try await page(code: code, typed: Typed(date: DateParser.today().description), signedIn: signedIn)
    }

    func record(code: String, request: Request, signedIn: SignedIn) async throws -> Response {
        let form = try await FormBody.read(request)
        guard SessionToken.csrfMatches(form["csrf"], token: signedIn.token) else {
            return WebPage.forbidden(WebScreens.csrfRefusal).response(templates, signedIn: signedIn)
        }
        guard signedIn.role.allows(.clerk) else { return FormChecks.forbidden(templates, signedIn) }
        var typed = Typed(donor: form.text("donor"), amount: form.text("amount"), date: form.text("date"),
                          reference: form.text("reference"), key: FormChecks.key(form.text("key")))
        if typed.donor.isEmpty { typed.refusals["donor"] = "Choisissez le donateur." }
        let amount = FormChecks.amount(typed.amount, &typed.refusals)
        let date = FormChecks.date(typed.date, &typed.refusals)
        guard typed.refusals.isEmpty, let amount, let date else {
            return try await page(code: code, typed: typed, signedIn: signedIn, status: .unprocessableContent)
        }
        let reference = typed.reference  // blank is no reference: NameInput.reference in the store
        let key = FormChecks.idempotencyKey(typed.key, signedIn: signedIn)
        let donor = typed.donor
        let pledge: Pledge
        do {
            pledge = try await service.write(actor: signedIn.actor) { store in
                try store.recordPledge(donor: donor, fund: code, amount: amount, on: date, reference: reference,
                                       idempotencyKey: key)
            }
        } catch let error as LedgerError where error.kind != .database && error.kind != .invariantViolated {
            typed.refusals[FormChecks.field(of: error)] = WebText.ledgerRefusal(error, taking: "de promesses")
            return try await page(code: code, typed: typed, signedIn: signedIn, status: .unprocessableContent)
        } catch let error as InputError {
            typed.refusals[FormChecks.field(of: error.field)] = WebText.inputRefusal
            return try await page(code: code, typed: typed, signedIn: signedIn, status: .unprocessableContent)
        }
        var values: [String: Any] = [
            "code": code, "donor": donor, "amount": pledge.amount.french,
            "date": FrenchText.date(pledge.pledgedOn), "pledge": pledge.id, "entry": pledge.entryID,
        ]
        if let reference = pledge.reference { values["reference"] = reference }
        return WebPage(template: "pledge_recorded", title: "Promesse enregistrée", values: values)
            .response(templates, signedIn: signedIn)
    }

    private func page(code: String, typed: Typed, signedIn: SignedIn,
                      status: HTTPResponse.Status = .ok) async throws -> Response {
        guard let (fund, donors) = try await service.readFund({ reader in (try reader.fund(code: code), try reader.donors()) }) else {
            return WebPage.noSuchFund.response(templates, signedIn: signedIn)
        }
        let options: [[String: Any]] = donors.map { donor in
            ["name": donor.name, "selected": NameSuggestions.fold(donor.name) == NameSuggestions.fold(typed.donor)]
        }
        var values: [String: Any] = [
            "code": fund.code, "name": fund.name, "donors": options, "amount": typed.amount, "date": typed.date,
            "reference": typed.reference, "key": typed.key, "csrf": signedIn.csrfToken,
            "noDonorChosen": typed.donor.isEmpty,
        ]
        for (field, message) in typed.refusals { values["\(field)Refusal"] = message }
        values["hasRefusals"] = !typed.refusals.isEmpty
        return WebPage(template: "pledge_form", title: "Promesse au fonds \(fund.code)", values: values,
                       status: status)
            .response(templates, signedIn: signedIn)
    }
}
