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

    /// What the form shows and sends (the same fields as the contribution form's).
    typealias Typed = DonorFormFields

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
        var (typed, amount, date) = Typed.checked(form)
        guard typed.refusals.isEmpty, let amount, let date else {
            return try await page(code: code, typed: typed, signedIn: signedIn, status: .unprocessableContent)
        }
        let (donor, reference) = (typed.donor, typed.reference)  // blank reference: nil, by NameInput.reference
        let key = FormChecks.idempotencyKey(typed.key, signedIn: signedIn)
        guard let pledge = try await FormChecks.recording(service, as: signedIn, refusals: &typed.refusals,
                                                          taking: "de promesses", { store in
            try store.recordPledge(donor: donor, fund: code, amount: amount, on: date, reference: reference,
                                   idempotencyKey: key)
        }) else {
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
        let typedDonor = NameSuggestions.fold(typed.donor)  // once, not per donor (as ContributionScreen)
        let options: [[String: Any]] = donors.map { donor in
            ["name": donor.name, "selected": NameSuggestions.fold(donor.name) == typedDonor]
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
