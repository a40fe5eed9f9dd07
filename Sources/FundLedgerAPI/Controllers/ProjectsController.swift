import Hummingbird
import Ledger

/// `/v1/projects`: what a fund finances through a partner. Readers list (`?fund=`) and read
/// them; a clerk adds one.
struct ProjectsController {
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
        let projects = try await renamingFields(["code": "fund"]) {
            try await service.read { try $0.projects(fund: fund, page: page) }
        }
        return try .json(projects)
    }

    @Sendable func show(_ request: Request, context: APIRequestContext) async throws -> Response {
        let id = try context.parameters.requireID()
        return try .json(try await service.read { try $0.project(id: id) })
    }

    /// `{"fund": "GAZA", "partner": "Super Novae", "title": "Eau potable", "budget_cents": 5000000}`.
    struct NewProject: Decodable {
        var fund: String
        var partner: String
        var title: String
        var budgetCents: Int64?

        enum CodingKeys: String, CodingKey {
            case fund, partner, title, budgetCents = "budget_cents"
        }
    }

    /// 201 with the project as listings show it (its fund's code and partner's name).
    @Sendable func create(_ request: Request, context: APIRequestContext) async throws -> Response {
        let body = try await request.decodeJSON(NewProject.self, context: context)
        let budget = try APIInput.amount(body.budgetCents, field: "budget_cents")
        // fund_by_code names its column `code`, partner_by_name `name`.
        let project = try await service.record(request, context, kind: "project",
                                               fields: ["code": "fund", "name": "partner", "budget": "budget_cents"]) { store, key in
            let project = try store.addProject(fund: body.fund, partner: body.partner, title: body.title,
                                               budget: budget, idempotencyKey: key)
            return try store.reader.project(id: project.id)
        }
        return try .json(project, status: .created, location: "/v1/projects/\(project.id)")
    }
}
