import Hummingbird
import Ledger

/// `/v1/disbursements`: tranches the funds paid to partners. Readers list (`?fund=`,
/// `?project=`) and read them; a clerk records one (refused when the fund lacks the money).
struct DisbursementsController {
    let service: LedgerService

    func addRoutes(to group: RouterGroup<APIRequestContext>) {
        group.requiring(.reader)
            .get(use: list)
            .get(":id", use: show)
        group.requiring(.clerk)
            .post(use: create)
    }

    @Sendable func list(_ request: Request, context: APIRequestContext) async throws -> Response {
        let page = try request.pageRequest()
        let fund = request.queryText("fund")
        let project = try request.queryID("project")
        let disbursements = try await renamingFields(["code": "fund"]) {
            try await service.read { try $0.disbursements(fund: fund, project: project, page: page) }
        }
        return try .json(disbursements)
    }

    @Sendable func show(_ request: Request, context: APIRequestContext) async throws -> Response {
        let id = try context.parameters.requireID()
        return try .json(try await service.read { try $0.disbursement(id: id) })
    }

    /// 201 with the payment as `GET /v1/disbursements/{id}` shows it.
    @Sendable func create(_ request: Request, context: APIRequestContext) async throws -> Response {
        let body = try await request.decodeJSON(NewDisbursement.self, context: context)
        let amount = try APIInput.amount(body.amountCents)
        let paidOn = try APIInput.date(body.paidOn, field: "paid_on")
        let disbursement = try await service.record(request, context, kind: "disbursement",
                                                      fields: ["amount": "amount_cents", "milestone": "milestone_id",
                                                               "on": "paid_on", "value_date": "paid_on"],
                                                      tables: ["projects": "project_id", "milestones": "milestone_id"]) {
            store, key in
            let disbursement = try store.recordDisbursement(project: body.projectID, milestone: body.milestoneID,
                                                            amount: amount, on: paidOn, reference: body.reference,
                                                            idempotencyKey: key)
            return try store.reader.disbursement(id: disbursement.id)
        }
        return try .json(disbursement, status: .created, location: "/v1/disbursements/\(disbursement.id)")
    }
}
