import ArgumentParser
import Ledger
import Reports

struct FundShowCommand: ParsableCommand, LedgerFieldNaming {
    static let ledgerFields = ["code": "code"]

    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show a fund with its balances, projects and milestones.")

    @Argument(help: "Fund code, e.g. GAZA.") var code: String
    @OptionGroup var format: FormatOption
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let reader = try connection.reader()
        let fund = try reader.fund(code: code)
        let balances = try reader.balances(fund: fund.code)
        if format.format != .table && format.format != .markdown {
            // Machine formats: the fund's balance row, the one table that says it all.
            format.print(LedgerTables.balances(balances))
            return
        }
        Output.line("\(fund.code) — \(fund.name)")
        Output.line("Statut : \(FrenchLabels.fundStatus(fund.status)), ouvert le \(Say.date(fund.openedOn))"
                    + (fund.closedOn.map { ", clos le \(Say.date($0))" } ?? ""))
        if let audience = fund.audience { Output.line("Bénéficiaires : \(audience)") }
        if let balance = balances.first {
            Output.line("Reçu : \(balance.received) · Versé : \(balance.disbursed) · Disponible : \(balance.available) · Promesses en attente : \(balance.outstandingPledges)")
        }
        let projects = try reader.projects(fund: fund.code)
        if !projects.isEmpty {
            Output.line("")
            format.print(LedgerTables.projects(projects))
            let milestones = try reader.milestones(fund: fund.code)
            if !milestones.isEmpty {
                Output.line("")
                format.print(LedgerTables.milestones(milestones))
            }
        }
    }
}
