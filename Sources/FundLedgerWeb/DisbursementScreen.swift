import Foundation
import Hummingbird
import Ledger
import Postgres

/// The disbursement form of a fund (clerks and admins): a payment to a partner against one of the
/// fund's milestones, picked in a list showing the project, the partner, the tranche and what was
/// already paid for it. A refusal (insufficient funds above all) shows the form again with the
/// typed values and the message by its field, the fund's available money said; a success gives
/// the amount and the entry number. One idempotency key per rendered form.
struct DisbursementScreen: Sendable {
    let service: LedgerService
    let templates: WebTemplates

    struct Typed: Sendable {
        var milestone = ""
        var amount = ""
        var date = ""
        var reference = ""
        var key = UUID().uuidString
        var refusals: [String: String] = [:]
        /// The ledger refused the amount for want of money: the page says what the fund holds.
        var insufficient = false
    }

    /// What the form needs from the ledger.
    private struct Loaded: Sendable {
        var fund: Fund
        var balance: FundBalance?
        var projects: [ProjectListing]
        var milestones: [Milestone]
        var disbursements: [DisbursementListing]
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
        var typed = Typed(milestone: form.text("milestone"), amount: form.text("amount"), date: form.text("date"),
                          reference: form.text("reference"), key: FormChecks.key(form.text("key")))
        let amount = FormChecks.amount(typed.amount, &typed.refusals)
        let date = FormChecks.date(typed.date, &typed.refusals)
        // The milestone must be one of this fund's: its project comes with it.
        var chosen: Milestone?
        if let id = Int64(typed.milestone) {
            guard let milestones = try await service.readFund({ reader in try reader.milestones(fund: code) }) else {
                return WebPage.noSuchFund.response(templates, signedIn: signedIn)
            }
            chosen = milestones.first { $0.id == id }
        }
        if chosen == nil { typed.refusals["milestone"] = "Choisissez l’étape que ce versement paie." }
        guard typed.refusals.isEmpty, let amount, let date, let milestone = chosen else {
            return try await page(code: code, typed: typed, signedIn: signedIn, status: .unprocessableContent)
        }
        let reference = typed.reference  // blank is no reference: NameInput.reference in the store
        let key = FormChecks.idempotencyKey(typed.key, signedIn: signedIn)
        let disbursement: Disbursement
        do {
            disbursement = try await service.write(actor: signedIn.actor) { store in
                try store.recordDisbursement(project: milestone.projectID, milestone: milestone.id, amount: amount,
                                             on: date, reference: reference, idempotencyKey: key)
            }
        } catch let error as LedgerError where error.kind != .database && error.kind != .invariantViolated {
            if error.kind == .insufficientFunds { typed.insufficient = true }
            typed.refusals[Self.field(of: error)] = WebText.ledgerRefusal(error, taking: "de paiements")
            return try await page(code: code, typed: typed, signedIn: signedIn, status: .unprocessableContent)
        } catch let error as InputError {
            typed.refusals[Self.field(of: error.field)] = WebText.inputRefusal
            return try await page(code: code, typed: typed, signedIn: signedIn, status: .unprocessableContent)
        }
        var values: [String: Any] = [
            "code": code, "milestone": milestone.title, "amount": disbursement.amount.french,
            "date": FrenchText.date(disbursement.paidOn), "entry": disbursement.entryID,
        ]
        if let reference = disbursement.reference { values["reference"] = reference }
        return WebPage(template: "disbursement_recorded", title: "Paiement enregistré", values: values)
            .response(templates, signedIn: signedIn)
    }

    private func page(code: String, typed: Typed, signedIn: SignedIn,
                      status: HTTPResponse.Status = .ok) async throws -> Response {
        guard let loaded: Loaded = try await service.readFund({ reader in
            let fund = try reader.fund(code: code)
            return Loaded(fund: fund, balance: try reader.balances(fund: fund.code).first,
                          projects: try reader.projects(fund: fund.code),
                          milestones: try reader.milestones(fund: fund.code),
                          disbursements: try reader.disbursements(fund: fund.code))
        }) else {
            return WebPage.noSuchFund.response(templates, signedIn: signedIn)
        }
        let available = loaded.balance?.available ?? .zero
        // What each milestone's tranches paid, reversed payments left out.
        var paid: [Int64: Money] = [:]
        for listing in loaded.disbursements where listing.disbursement.reversedByEntryID == nil {
            if let id = listing.disbursement.milestoneID { paid[id] = (paid[id] ?? .zero) + listing.disbursement.amount }
        }
        let groups: [[String: Any]] = loaded.projects.compactMap { project in
            let options: [[String: Any]] = loaded.milestones.filter { $0.projectID == project.id }.map { milestone in
                var label = milestone.title
                label += " — tranche " + (milestone.tranche?.french ?? "non fixée")
                label += " — déjà versé " + (paid[milestone.id] ?? .zero).french
                if milestone.achievedOn != nil { label += " — atteinte" }
                return ["id": milestone.id, "label": label, "selected": typed.milestone == String(milestone.id)]
            }
            guard !options.isEmpty else { return nil }
            return ["project": "\(project.title) (\(project.partner))", "milestones": options]
        }
        var refusals = typed.refusals
        if typed.insufficient {
            refusals["amount"] = "Fonds insuffisants : le fonds \(loaded.fund.code) ne dispose que de \(available.french)."
        }
        var values: [String: Any] = [
            "code": loaded.fund.code, "name": loaded.fund.name, "groups": groups, "hasMilestones": !groups.isEmpty,
            "available": available.french, "amount": typed.amount, "date": typed.date, "reference": typed.reference,
            "key": typed.key, "csrf": signedIn.csrfToken, "noMilestoneChosen": typed.milestone.isEmpty,
        ]
        for (field, message) in refusals { values["\(field)Refusal"] = message }
        values["hasRefusals"] = !refusals.isEmpty
        return WebPage(template: "disbursement_form", title: "Paiement du fonds \(loaded.fund.code)", values: values,
                       status: status)
            .response(templates, signedIn: signedIn)
    }

    static func field(of error: LedgerError) -> String {
        if error.kind == .insufficientFunds { return "amount" }
        if let name = error.field, field(of: name) != "general" { return field(of: name) }
        switch error.code {
        case .dateOutOfRange: return "date"
        case .textRefused: return "reference"
        default: break
        }
        return error.kind == .notFound ? "milestone" : "general"
    }

    static func field(of name: String) -> String {
        switch name {
        case "amount", "amount_cents": "amount"
        case "milestone", "milestone_id", "project", "project_id": "milestone"
        case "date", "paid_on", "on", "value_date": "date"
        case "reference": "reference"
        default: "general"
        }
    }
}
