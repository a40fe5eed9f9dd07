import Foundation
import Ledger
import Postgres

/// Loads `DemoFigures` through the ledger store, every write under a `demo:` idempotency key:
/// a second run writes nothing. Donors and partners shared between funds are added once;
/// ones that already exist (entered by hand) are reused.
struct DemoDataset {
    let store: LedgerStore
    var log: (String) -> Void

    func load() throws {
        // Set once: an organisation that already named itself keeps its name and logo.
        if try store.reader.organisationSettings().name == nil {
            _ = try store.setOrganisation(.organisation, to: DemoFigures.organisation)
            _ = try store.setOrganisationLogo(Data(DemoFigures.logo.utf8))
            _ = try store.setOrganisation(.siren, to: DemoFigures.siren)
        }
        for fund in DemoFigures.all { try load(fund) }
    }

    private func load(_ data: DemoFigures.FundData) throws {
        let code = data.code
        let fund = try existingOr(try store.reader.fund(code: code)) {
            try store.openFund(code: code, name: data.name, audience: data.audience,
                               openedOn: Parse.date(data.openedOn, "opened_on"), idempotencyKey: "demo:fund:\(code)")
        }
        for partner in data.partners {
            _ = try existingOr(try store.reader.partner(named: partner.name)) {
                try store.addPartner(name: partner.name, country: partner.country,
                                     idempotencyKey: "demo:partner:\(partner.name)")
            }
        }
        for gift in data.gifts + data.pledgesOnly {
            _ = try existingOr(try store.reader.donor(named: gift.donor)) {
                try store.addDonor(name: gift.donor, kind: gift.kind, idempotencyKey: "demo:donor:\(gift.donor)")
            }
        }
        for gift in data.gifts {
            if let pledge = gift.pledge {
                try recordPledge(fund: code, donor: gift.donor, amount: pledge.amount, on: pledge.on,
                                 reference: pledge.reference)
            }
            _ = try store.recordContribution(
                donor: gift.donor, fund: code, amount: Parse.money(gift.amount, "amount"),
                on: Parse.date(gift.on, "on"), pledge: gift.pledge == nil ? .none : .automatic,
                idempotencyKey: "demo:\(code):contribution:\(gift.donor)")
        }
        // Intentions to give (the newsletter's "intérêt confirmé"), voted when a délibération came.
        for gift in data.pledgesOnly {
            let intent = try store.recordPledgeIntent(donor: gift.donor, fund: code, amount: Parse.money(gift.amount, "amount"),
                                                      on: Parse.date(gift.on, "on"), idempotencyKey: "demo:\(code):intent:\(gift.donor)")
            if let vote = gift.pledge {
                _ = try store.confirmPledgeIntent(intent.id, deliberation: vote.reference, on: Parse.date(vote.on, "on"),
                                                  amount: Parse.money(vote.amount, "amount"),
                                                  idempotencyKey: "demo:\(code):pledge:\(gift.donor)")
            }
        }
        for project in data.projects { try load(project, fund: code) }
        if let (status, on) = data.status {
            _ = try store.setFundStatus(code: code, status: status, on: Parse.date(on, "on"),
                                        idempotencyKey: "demo:\(code):status:\(status.rawValue)")
        }
        if let thanks = data.thanks {
            _ = try store.setFundThanks(code: code, thanked: thanks.thanked, template: thanks.template,
                                        order: thanks.order, bold: thanks.bold,
                                        idempotencyKey: "demo:\(code):thanks:\(thanks.thanked.rawValue)")
        }
        let balance = try store.reader.balances(fund: code).first
        log("\(fund.code) — \(fund.name) : \(data.gifts.count) versement(s), \(data.gifts.filter { $0.pledge != nil }.count + data.pledgesOnly.filter { $0.pledge != nil }.count) promesse(s)"
            + (data.pledgesOnly.isEmpty ? "" : ", \(data.pledgesOnly.filter { $0.pledge == nil }.count) intention(s)")
            + ", \(data.projects.count) projet(s)"
            + (balance.map { " ; reçu \($0.received), versé \($0.disbursed), disponible \($0.available), promesses en attente \($0.outstandingPledges)" } ?? "")
            + (data.status.map { " ; statut \(FrenchLabels.fundStatus($0.0))" } ?? ""))
    }

    private func recordPledge(fund: String, donor: String, amount: String, on: String, reference: String?) throws {
        _ = try store.recordPledge(donor: donor, fund: fund, amount: Parse.money(amount, "amount"),
                                   on: Parse.date(on, "on"), reference: reference,
                                   idempotencyKey: "demo:\(fund):pledge:\(donor)")
    }

    private func load(_ data: DemoFigures.Project, fund: String) throws {
        let prefix = "demo:\(fund):\(data.key)"
        let project = try store.addProject(fund: fund, partner: data.partner, title: data.title,
                                           budget: Parse.money(data.budget, "budget"),
                                           idempotencyKey: "\(prefix):project")
        if data.description != nil || data.beneficiaries != nil {
            _ = try store.describeProject(project.id, description: data.description, beneficiaries: data.beneficiaries)
        }
        for (index, step) in data.milestones.enumerated() {
            let milestone = try store.addMilestone(project: project.id, title: step.title, dueOn: Parse.date(step.due, "due"),
                                                   tranche: Parse.optionalMoney(step.tranche, "tranche"),
                                                   idempotencyKey: "\(prefix):milestone:\(index + 1)")
            if let paid = step.paid {
                _ = try store.recordDisbursement(project: project.id, milestone: milestone.id,
                                                 amount: Parse.money(paid.amount, "amount"), on: Parse.date(paid.on, "on"),
                                                 idempotencyKey: "\(prefix):disbursement:\(index + 1)")
            }
            if let achieved = step.achievedOn {
                _ = try store.achieveMilestone(milestone.id, on: Parse.date(achieved, "on"),
                                               idempotencyKey: "\(prefix):achieve:\(index + 1)")
            }
        }
    }

    /// What exists already, else what `create` records.
    private func existingOr<T>(_ existing: @autoclosure () throws -> T, create: () throws -> T) throws -> T {
        do {
            return try existing()
        } catch let error as LedgerError where error.kind == .notFound {
            return try create()
        }
    }
}
