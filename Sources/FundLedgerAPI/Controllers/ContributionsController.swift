import Hummingbird
import Ledger

/// `/v1/contributions`: money received. Readers list and read them; a clerk records them.
struct ContributionsController {
    let service: LedgerService

    func addRoutes(to group: RouterGroup<APIRequestContext>) {
        group.requiring(.reader)
            .get(use: list)
            .get(":id", use: show)
        group.requiring(.clerk)
            .post(use: create)
    }

    /// `?fund=GAZA&donor=Bondy&from=2026-01-01&to=2026-03-31`, each optional; in id order.
    @Sendable func list(_ request: Request, context: APIRequestContext) async throws -> Response {
        let page = try request.pageRequest()
        let fund = request.queryText("fund")
        let donor = request.queryText("donor")
        let from = try request.queryDate("from")
        let to = try request.queryDate("to")
        let contributions = try await renamingFields(["code": "fund", "name": "donor"]) {
            try await service.read { try $0.contributions(fund: fund, donor: donor, from: from, to: to, page: page) }
        }
        return try .json(contributions)
    }

    @Sendable func show(_ request: Request, context: APIRequestContext) async throws -> Response {
        let id = try context.parameters.requireID()
        return try .json(try await service.read { try $0.contribution(id: id) })
    }

    @Sendable func create(_ request: Request, context: APIRequestContext) async throws -> Response {
        let body = try await request.decodeJSON(NewContribution.self, context: context)
        let amount = try APIInput.amount(body.amountCents)
        let receivedOn = try APIInput.date(body.receivedOn, field: "received_on")
        if body.pledgeID != nil && body.applyToPledges == false {
            throw Problem.invalid("pledge_id et apply_to_pledges: false s'excluent.", field: "pledge_id")
        }
        let choice: PledgeChoice = body.applyToPledges == false ? .none : body.pledgeID.map { .pledge($0) } ?? .automatic
        let contribution = try await service.record(request, context, kind: "contribution",
                                                    fields: ["code": "fund", "name": "donor", "value_date": "received_on"]) { store, key in
            try store.recordContribution(donor: body.donor, fund: body.fund, amount: amount, on: receivedOn,
                                         pledge: choice, reference: body.reference, idempotencyKey: key)
        }
        return try .json(contribution, status: .created, location: "/v1/contributions/\(contribution.id)")
    }
}
