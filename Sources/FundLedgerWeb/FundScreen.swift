import Hummingbird
import Ledger
import Reports

/// A fund's page: its figures, its donors in French order (pledged, received, outstanding), its
/// projects and milestones with their status, and its latest entries (reallocations and refunds
/// among them). Every figure comes from
/// `LedgerReader`.
struct FundScreen: Sendable {
    let service: LedgerService
    let templates: WebTemplates
    /// Entries listed on the page. Only that many contributions and disbursements are read, the
    /// latest of each: a fund fed by an emergency appeal holds hundreds of thousands.
    static let latest = 15

    private struct Data: Sendable {
        var fund: Fund
        var balance: FundBalance?
        var donors: [DonorTotals]
        var projects: [ProjectListing]
        var milestones: [Milestone]
        var contributions: [Contribution]
        var disbursements: [DisbursementListing]
        var settlements: [FundSettlement]
        var donorIDs: [String: Int64]
    }

    func show(code: String, signedIn: SignedIn) async throws -> Response {
        guard let data: Data = try await service.readFund({ reader in
            let fund = try reader.fund(code: code)
            return Data(fund: fund, balance: try reader.balances(fund: fund.code).first,
                        donors: try reader.donorTotals(fund: fund.code),
                        projects: try reader.projects(fund: fund.code),
                        milestones: try reader.milestones(fund: fund.code),
                        contributions: try reader.latestContributions(fund: fund.code, limit: Self.latest),
                        disbursements: try reader.latestDisbursements(fund: fund.code, limit: Self.latest),
                        settlements: try reader.settlements(fund: fund.code),
                        donorIDs: Dictionary(try reader.donors().map { ($0.name, $0.id) },
                                             uniquingKeysWith: { first, _ in first }))
        }) else {
            return WebPage.noSuchFund.response(templates, signedIn: signedIn)
        }
        let today = DateParser.today()
        let projects: [[String: Any]] = data.projects.map { project in
            let milestones: [[String: Any]] = data.milestones.filter { $0.projectID == project.id }.map { milestone in
                // Late: the one definition (MilestoneLateness), at the close of yesterday (today is not over).
                let status = milestone.achievedOn != nil ? "achieved"
                    : MilestoneLateness.isLate(dueOn: milestone.dueOn, achievedOn: nil, atCloseOf: today.adding(days: -1)) ? "late" : "planned"
                return ["title": milestone.title, "due": FrenchText.date(milestone.dueOn),
                        "tranche": milestone.tranche?.french ?? "—",
                        "status": FrenchLabels.milestoneStatus(status), "statusClass": "status-\(status)"]
            }
            return ["title": project.title, "partner": project.partner, "budget": project.budget?.french ?? "—",
                    "milestones": milestones, "hasMilestones": !milestones.isEmpty]
        }
        // The latest entries: contributions, disbursements and settlements, newest entry first.
        // Only the latest contributions and disbursements were read (Self.latest of each).
        var entries: [(id: Int64, row: [String: Any])] = data.contributions.map { contribution in
            (contribution.entryID,
             ["entry": contribution.entryID, "date": FrenchText.date(contribution.receivedOn),
              "kind": "Versement reçu", "who": contribution.donor, "amount": contribution.amount.french,
              "reversed": contribution.reversedByEntryID != nil])
        }
        entries += data.disbursements.map { listing in
            (listing.disbursement.entryID,
             ["entry": listing.disbursement.entryID, "date": FrenchText.date(listing.disbursement.paidOn),
              "kind": "Versement au partenaire", "who": listing.disbursement.reference ?? "",
              "amount": listing.disbursement.amount.french,
              "reversed": listing.disbursement.reversedByEntryID != nil])
        }
        // Settlements: never reversed (a reallocation is answered by one the other way).
        entries += data.settlements.map { settlement in
            let incoming = settlement.targetFund == data.fund.code
            let entry = (incoming ? settlement.inEntryID : nil) ?? settlement.outEntryID
            let kind = switch settlement.kind {
            case .reallocation: incoming ? "Réaffectation depuis \(settlement.fund)" : "Réaffectation vers \(settlement.targetFund ?? "")"
            case .refund: "Remboursement aux donateurs"
            }
            return (entry, ["entry": entry, "date": FrenchText.date(settlement.settledOn), "kind": kind,
                            "who": "\(settlement.reference) du \(FrenchText.date(settlement.agreedOn))",
                            "amount": settlement.amount.french, "reversed": false, "settled": true])
        }
        // An admin reverses an entry from here (one not reversed already, not a settlement).
        let canReverse = signedIn.role.allows(.admin)
        let recent = entries.sorted { $0.id > $1.id }.prefix(Self.latest).map { entry in
            var row = entry.row
            row["canReverse"] = canReverse && (row["reversed"] as? Bool) == false && row["settled"] == nil
            return row
        }
        let donors: [[String: Any]] = data.donors.map { totals in
            ["name": totals.donor, "id": data.donorIDs[totals.donor] ?? 0, "pledged": totals.pledged.french, "received": totals.received.french,
             "outstanding": totals.outstanding.french]
        }
        var values: [String: Any] = [
            "code": data.fund.code, "name": data.fund.name, "status": FrenchLabels.fundStatus(data.fund.status),
            "donors": donors, "hasDonors": !donors.isEmpty, "projects": projects, "hasProjects": !projects.isEmpty,
            "entries": Array(recent), "hasEntries": !recent.isEmpty,
            "canRecord": signedIn.role.allows(.clerk) && data.fund.status == .open,
            "isAdmin": canReverse,
        ]
        if let balance = data.balance {
            values["received"] = balance.received.french
            values["disbursed"] = balance.disbursed.french
            values["available"] = balance.available.french
            values["outstanding"] = balance.outstandingPledges.french
            // What settled the fund, only when something did.
            let settled: [[String: Any]] = [("Réaffecté à d’autres fonds", balance.reallocatedOut),
                                             ("Reçu d’autres fonds", balance.reallocatedIn),
                                             ("Rendu aux donateurs", balance.refunded)]
                .filter { $0.1 != .zero }.map { ["label": $0.0, "amount": $0.1.french] }
            values["settled"] = settled
        }
        return WebPage(template: "fund", title: "Fonds \(data.fund.code)", values: values)
            .response(templates, signedIn: signedIn)
    }
}
