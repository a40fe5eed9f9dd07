import Hummingbird
import Ledger
import Postgres
import Reports

/// A donor's page: its statement as `Reports` builds it (`DonorStatementQuery`), the totals by
/// fund and the achievements as the statement's own tables (`DonorStatementRenderer`, escaped by
/// `HTMLText`), and each pledge and contribution with its state in French. Every reader sees it.
struct DonorScreen: Sendable {
    let service: LedgerService
    let templates: WebTemplates

    func show(id text: String, signedIn: SignedIn) async throws -> Response {
        guard let id = Int64(text), id > 0 else {
            return WebPage.notFound("Aucun donateur n’a ce numéro.").response(templates, signedIn: signedIn)
        }
        let loaded: (Donor, DonorStatement)
        do {
            loaded = try await service.read { reader in
                (try reader.donor(id: id),
                 try DonorStatementQuery(connection: reader.connection).statement(donorID: id))
            }
        } catch let error as LedgerError where error.kind == .notFound {
            return WebPage.notFound("Aucun donateur n’a ce numéro.").response(templates, signedIn: signedIn)
        }
        let (donor, statement) = loaded
        let lines: [[String: Any]] = statement.lines.map { line in
            var row: [String: Any] = [
                "fund": line.fund, "date": FrenchText.date(line.date),
                "kind": line.kind.french.prefix(1).uppercased() + line.kind.french.dropFirst(), "number": line.id,
                "reference": line.reference ?? "", "amount": line.amount.french,
                "outstanding": line.outstanding?.french ?? "", "state": line.frenchState, "entry": line.entryID,
                "stateClass": "state-\(line.state)",
            ]
            if let reversal = line.reversedByEntryID { row["reversedBy"] = reversal }
            return row
        }
        let received = statement.funds.reduce(Money.zero) { $0 + $1.received }
        let outstanding = statement.funds.reduce(Money.zero) { $0 + $1.outstanding }
        let pledged = statement.funds.reduce(Money.zero) { $0 + $1.pledged }
        let funds: [[String: Any]] = statement.funds.map { fund in
            ["code": fund.fund, "name": fund.name, "pledged": fund.pledged.french, "received": fund.received.french,
             "outstanding": fund.outstanding.french]
        }
        let achievements = statement.achievements.isEmpty
            ? "" : HTMLText.table(DonorStatementRenderer.achievementsTable(statement))
        let values: [String: Any] = [
            "id": donor.id, "name": donor.name, "kind": FrenchLabels.donorKind(donor.kind),
            "received": received.french, "pledged": pledged.french, "outstanding": outstanding.french,
            "funds": funds, "hasFunds": !funds.isEmpty, "lines": lines, "hasLines": !lines.isEmpty,
            "achievements": achievements, "hasAchievements": !achievements.isEmpty,
        ]
        return WebPage(template: "donor", title: "Donateur \(donor.name)", values: values)
            .response(templates, signedIn: signedIn)
    }
}
