import ArgumentParser
import Ledger
import Reports

struct FundShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show a fund with its balances, projects and milestones.")

    @Argument(help: "Fund code, e.g. GAZA.") var code: String
    @OptionGroup var format: FormatOption
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let store = try connection.store()
        let fund = try store.fund(code: Parse.name(code, "fund"))
        let balances = try store.balances(fund: fund.code)
        if format.format != .table && format.format != .markdown {
            // Machine formats: the fund's balance row, the one table that says it all.
            format.print(LedgerTables.balances(balances))
            return
        }
        Output.line("\(fund.code) — \(fund.name)")
        Output.line("Statut : \(fund.status.rawValue), ouvert le \(Say.date(fund.openedOn))"
                    + (fund.closedOn.map { ", clos le \(Say.date($0))" } ?? ""))
        if let audience = fund.audience { Output.line("Bénéficiaires : \(audience)") }
        if let balance = balances.first {
            Output.line("Reçu : \(balance.received) · Versé : \(balance.disbursed) · Disponible : \(balance.available) · Promesses en attente : \(balance.outstandingPledges)")
        }
        let projects = try store.projects(fund: fund.code)
        if !projects.isEmpty {
            let partners = Dictionary(try store.partners().map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
            Output.line("")
            format.print(LedgerTables.projects(projects, fundCodes: [fund.id: fund.code], partnerNames: partners))
            let milestones = try projects.flatMap { try store.milestones(project: $0.id) }
            if !milestones.isEmpty {
                Output.line("")
                format.print(LedgerTables.milestones(milestones))
            }
        }
    }
}
