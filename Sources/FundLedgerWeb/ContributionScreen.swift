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

    /// What the form shows and sends (the same fields as the pledge form's).
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
        guard let contribution = try await FormChecks.recording(service, as: signedIn, refusals: &typed.refusals, { store in
            try store.recordContribution(donor: donor, fund: code, amount: amount, on: date,
                                         reference: reference, idempotencyKey: key)
        }) else {
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
        guard let loaded: (Fund, [Donor], [PledgeStatus]) = try await service.readFund({ reader in
            let fund = try reader.fund(code: code)
            return (fund, try reader.donors(), try reader.pledges(fund: fund.code))
        }) else {
            return WebPage.noSuchFund.response(templates, signedIn: signedIn)
        }
        let (fund, donors, pledges) = loaded
        // The pledges a contribution will pay, before it is saved: a donor's open pledges to this
        // fund, oldest first (the ledger's rule, `allocate_to_pledges`), said in the donor's option
        // and listed under the form.
        let open = pledges.filter { $0.state == .open && $0.outstanding.cents > 0 }
        // Each donor's oldest open pledge (pledges come oldest first), found once, not per donor.
        let oldestOpen = Dictionary(open.map { ($0.donor, $0) }, uniquingKeysWith: { first, _ in first })
        let typedDonor = NameSuggestions.fold(typed.donor)
        let options: [[String: Any]] = donors.map { donor in
            var label = donor.name
            if let oldest = oldestOpen[donor.name] {
                label += " — paiera d’abord la promesse n°\u{00A0}\(oldest.id) (reste \(oldest.outstanding.french))"
            }
            return ["name": donor.name, "label": label, "selected": NameSuggestions.fold(donor.name) == typedDonor]
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

 }
