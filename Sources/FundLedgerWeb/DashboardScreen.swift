import Hummingbird
import Ledger

/// The dashboard: each fund's received, disbursed, available and outstanding pledges, with a
/// small bar, all from `LedgerReader.balances()`.
struct DashboardScreen: Sendable {
    let service: LedgerService
    let templates: WebTemplates

    func show(signedIn: SignedIn) async throws -> Response {
        let balances = try await service.read { try $0.balances() }
        let funds: [[String: Any]] = balances.map { balance in
            ["code": balance.code, "name": balance.name, "status": FrenchLabels.fundStatus(balance.status),
             "received": balance.received.french, "disbursed": balance.disbursed.french,
             "available": balance.available.french, "outstanding": balance.outstandingPledges.french,
             "bar": FundBar.svg(balance),
             // A fund closing or closed takes no contribution: no link to the form.
             "canRecord": signedIn.role.allows(.clerk) && balance.status == .open]
        }
        return WebPage(template: "dashboard", title: "Tableau de bord",
                       values: ["funds": funds, "hasFunds": !funds.isEmpty, "canImport": signedIn.role.allows(.clerk)])
            .response(templates, signedIn: signedIn)
    }
}
