import Hummingbird
import Ledger

/// `/v1/milestones`: the steps of projects, each possibly releasing a tranche. Readers list
/// (`?project=`, `?fund=`) and read them; a clerk adds one and records it achieved.
struct MilestonesController {
    let service: LedgerService

    func addRoutes(to group: RouterGroup<APIRequestContext>) {
        group.requiring(.reader)
            .get(use: list)
            .get(":id", use: show)
        group.requiring(.clerk)
            .post(use: create)
            .post(":id/achieve", use: achieve)
    }

    @Sendable func list(_ request: Request, context: APIRequestContext) async throws -> Response {
        let page = try request.pageRequest()
        let project = try request.queryID("project")
        let fund = request.queryText("fund")
        let milestones = try await renamingFields(["code": "fund"]) {
            try await service.read { try $0.milestones(project: project, fund: fund, page: page) }
        }
        return try .json(milestones)
    }

    @Sendable func show(_ request: Request, context: APIRequestContext) async throws -> Response {
        let id = try context.parameters.requireID()
        return try .json(try await service.read { try $0.milestone(id: id) })
    }

    /// `{"project_id": 3, "title": "Forage du puits", "due_on": "2026-06-30", "tranche_cents": 1000000}`.
    struct NewMilestone: Decodable {
        var projectID: Int64
        var title: String
        var dueOn: String
        var trancheCents: Int64?

        enum CodingKeys: String, CodingKey {
            case projectID = "project_id", title, dueOn = "due_on", trancheCents = "tranche_cents"
        }
    }

    @Sendable func create(_ request: Request, context: APIRequestContext) async throws -> Response {
        let body = try await request.decodeJSON(NewMilestone.self, context: context)
        let dueOn = try APIInput.date(body.dueOn, field: "due_on")
        let tranche = try APIInput.amount(body.trancheCents, field: "tranche_cents")
        let milestone = try await service.record(request, context, kind: "milestone",
                                                 fields: ["tranche": "tranche_cents"], tables: ["projects": "project_id"]) { store, key in
            try store.addMilestone(project: body.projectID, title: body.title, dueOn: dueOn, tranche: tranche,
                                   idempotencyKey: key)
        }
        return try .json(milestone, status: .created, location: "/v1/milestones/\(milestone.id)")
    }

    /// `{"on": "2026-05-12"}` (today when absent).
    struct Achievement: Decodable {
        var on: String?
    }

    /// 200 with the milestone, now achieved.
    @Sendable func achieve(_ request: Request, context: APIRequestContext) async throws -> Response {
        let id = try context.parameters.requireID()
        let body = try await request.decodeJSON(Achievement.self, context: context)
        let date = try APIInput.date(body.on, field: "on")
        let milestone = try await service.record(request, context, kind: "milestone_achieved",
                                                 fields: ["achieved_on": "on"], tables: ["milestones": "id"]) { store, key in
            try store.achieveMilestone(id, on: date, idempotencyKey: key)
        }
        return try .json(milestone)
    }
}
