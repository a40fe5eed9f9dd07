import Foundation
import HTTPTypes
import Ledger
import Testing

/// Partners, projects, milestones and disbursements over HTTP: the chain from a partner to a
/// tranche paid, with filters, roles, retries and refusals.
@Suite struct ProjectsAPITests {
    @Test func fromPartnerToTranchePaid() async throws {
        try await APIServer.with { api in
            try api.seed { store in
                _ = try store.openFund(code: "GAZA", name: "Fonds Gaza", audience: nil, openedOn: try day("2023-10-20"))
                _ = try store.openFund(code: "MAROC", name: "Fonds Maroc", audience: nil, openedOn: try day("2023-09-10"))
                _ = try store.addDonor(name: "Bondy")
                _ = try store.recordContribution(donor: "Bondy", fund: "GAZA", amount: Money(cents: 50_000), on: try day("2026-01-10"))
            }
            // Partners.
            let partnerBody = #"{"name": "Super Novae", "country": "PS"}"#
            #expect(try await api.post("/v1/partners", partnerBody, as: .reader).status == .forbidden)
            let partner = try await api.post("/v1/partners", partnerBody)
            #expect(partner.status == .created, "\(partner)")
            let partnerID = try #require(partner.json["id"] as? Int)
            #expect(partner.headers[.location] == "/v1/partners/\(partnerID)")
            #expect(try await api.get("/v1/partners/\(partnerID)").body == partner.body)
            expectProblem(try await api.post("/v1/partners", #"{"name": "Besni", "country": "Turquie"}"#), .unprocessableContent, field: "country")
            #expect(try await api.walk("/v1/partners", limit: 1).ids == [partnerID])

            // Projects.
            let before = try api.snapshot()
            let unknownPartner = try await api.post("/v1/projects", #"{"fund": "GAZA", "partner": "Super Nova", "title": "Eau"}"#)
            expectProblem(unknownPartner, .notFound, field: "partner")
            #expect(unknownPartner.json["suggestions"] as? [String] == ["Super Novae"], "\(unknownPartner)")
            expectProblem(try await api.post("/v1/projects", #"{"fund": "GAZ", "partner": "Super Novae", "title": "Eau"}"#), .notFound, field: "fund")
            expectProblem(try await api.post("/v1/projects", #"{"fund": "GAZA", "partner": "Super Novae", "title": "Eau", "budget_cents": 0}"#), .unprocessableContent, field: "budget_cents")
            expectProblem(try await api.post("/v1/projects", #"{"fund": "GAZA", "partner": "Super Novae"}"#), .badRequest, field: "title")
            #expect(try api.snapshot() == before)
            let projectBody = #"{"fund": "GAZA", "partner": "super novae", "title": "Eau potable", "budget_cents": 40000}"#
            let project = try await api.post("/v1/projects", projectBody, idempotencyKey: "p")
            #expect(project.status == .created, "\(project)")
            let projectID = try #require(project.json["id"] as? Int)
            #expect(project.json["fund_code"] as? String == "GAZA")
            #expect(project.json["partner"] as? String == "Super Novae")
            #expect(project.json["budget_cents"] as? Int == 40_000)
            #expect(try await api.post("/v1/projects", projectBody, idempotencyKey: "p").body == project.body)
            #expect(try await api.get("/v1/projects/\(projectID)").body == project.body)
            let other = try await api.post("/v1/projects", #"{"fund": "MAROC", "partner": "Super Novae", "title": "Villages"}"#)
            let otherID = try #require(other.json["id"] as? Int)
            #expect(try await api.walk("/v1/projects?fund=GAZA", limit: 5).ids == [projectID])
            #expect(try await api.walk("/v1/projects", limit: 1).ids == [projectID, otherID])
            expectProblem(try await api.get("/v1/projects?fund=NOPE"), .notFound, field: "fund")

            // Milestones.
            expectProblem(try await api.post("/v1/milestones", #"{"project_id": 9999, "title": "Forage", "due_on": "2026-06-30"}"#), .notFound, field: "project_id")
            expectProblem(try await api.post("/v1/milestones", #"{"project_id": \#(projectID), "title": "Forage", "due_on": "2026-02-30"}"#), .unprocessableContent, field: "due_on")
            expectProblem(try await api.post("/v1/milestones", #"{"project_id": \#(projectID), "title": "Forage"}"#), .badRequest, field: "due_on")
            expectProblem(try await api.post("/v1/milestones", #"{"project_id": "un", "title": "Forage", "due_on": "2026-06-30"}"#), .badRequest, field: "project_id")
            let milestoneBody = #"{"project_id": \#(projectID), "title": "Forage du puits", "due_on": "2026-06-30", "tranche_cents": 30000}"#
            #expect(try await api.post("/v1/milestones", milestoneBody, as: .reader).status == .forbidden)
            let milestone = try await api.post("/v1/milestones", milestoneBody)
            #expect(milestone.status == .created, "\(milestone)")
            let milestoneID = try #require(milestone.json["id"] as? Int)
            #expect(milestone.headers[.location] == "/v1/milestones/\(milestoneID)")
            #expect(!milestone.json.keys.contains("achieved_on"))
            let otherMilestone = try await api.post("/v1/milestones", #"{"project_id": \#(otherID), "title": "Diagnostic", "due_on": "2026-03-01"}"#)
            let otherMilestoneID = try #require(otherMilestone.json["id"] as? Int)
            #expect(try await api.walk("/v1/milestones?project=\(projectID)", limit: 5).ids == [milestoneID])
            #expect(try await api.walk("/v1/milestones?fund=MAROC", limit: 5).ids == [otherMilestoneID])
            #expect(try await api.walk("/v1/milestones", limit: 1).ids == [milestoneID, otherMilestoneID])
            expectProblem(try await api.get("/v1/milestones?project=abc"), .badRequest, field: "project")

            let achieved = try await api.post("/v1/milestones/\(milestoneID)/achieve", #"{"on": "2026-02-15"}"#, idempotencyKey: "a")
            #expect(achieved.status == .ok, "\(achieved)")
            #expect(achieved.json["achieved_on"] as? String == "2026-02-15")
            #expect(try await api.post("/v1/milestones/\(milestoneID)/achieve", #"{"on": "2026-02-15"}"#, idempotencyKey: "a").body == achieved.body)
            expectProblem(try await api.post("/v1/milestones/\(milestoneID)/achieve", #"{"on": "2026-02-16"}"#), .unprocessableContent, field: "on")
            expectProblem(try await api.post("/v1/milestones/777/achieve", #"{}"#), .notFound, field: "id")
            #expect(try await api.get("/v1/milestones/\(milestoneID)").body == achieved.body)

            // Disbursements.
            let tooMuch = #"{"project_id": \#(projectID), "amount_cents": 50001, "paid_on": "2026-02-20"}"#
            let snapshot = try api.snapshot()
            expectProblem(try await api.post("/v1/disbursements", tooMuch), .conflict, field: "amount_cents")
            expectProblem(try await api.post("/v1/disbursements", #"{"project_id": 4242, "amount_cents": 1}"#), .notFound, field: "project_id")
            expectProblem(try await api.post("/v1/disbursements", #"{"project_id": \#(projectID), "milestone_id": 4242, "amount_cents": 1}"#), .notFound, field: "milestone_id")
            expectProblem(try await api.post("/v1/disbursements", #"{"project_id": \#(projectID), "amount_cents": 1e30}"#), .badRequest, field: "amount_cents")
            #expect(try api.snapshot() == snapshot)
            let payBody = #"{"project_id": \#(projectID), "milestone_id": \#(milestoneID), "amount_cents": 30000, "paid_on": "2026-02-20", "reference": "VIR 0220"}"#
            #expect(try await api.post("/v1/disbursements", payBody, as: .reader).status == .forbidden)
            let paid = try await api.post("/v1/disbursements", payBody, idempotencyKey: "d")
            #expect(paid.status == .created, "\(paid)")
            let paidID = try #require(paid.json["id"] as? Int)
            #expect(paid.headers[.location] == "/v1/disbursements/\(paidID)")
            #expect(paid.json["fund_code"] as? String == "GAZA")
            let retry = try await api.post("/v1/disbursements", payBody, idempotencyKey: "d")
            #expect(retry.status == .created)
            #expect(retry.body == paid.body)
            #expect(try api.count("SELECT count(*) FROM disbursements") == 1)
            expectProblem(try await api.post("/v1/disbursements", payBody.replacingOccurrences(of: "30000", with: "20000"), idempotencyKey: "d"), .conflict, field: "Idempotency-Key")
            #expect(try await api.get("/v1/disbursements/\(paidID)").body == paid.body)
            #expect(try await api.walk("/v1/disbursements?fund=GAZA&project=\(projectID)", limit: 2).ids == [paidID])
            #expect(try await api.walk("/v1/disbursements?fund=MAROC", limit: 2).ids == [])
            expectProblem(try await api.get("/v1/disbursements/99"), .notFound, field: nil)

            let balances = try await api.get("/v1/balances?fund=GAZA")
            #expect(balances.status == .ok)
            let rows = (try JSONSerialization.jsonObject(with: Data(balances.body.utf8))) as? [[String: Any]]
            #expect(rows?.count == 1)
            #expect(rows?.first?["available_cents"] as? Int == 20_000)
            #expect(rows?.first?["disbursed_cents"] as? Int == 30_000)
        }
    }
}
