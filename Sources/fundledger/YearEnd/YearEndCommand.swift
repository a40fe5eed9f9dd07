import ArgumentParser
import Ledger
import Reports

struct YearEndCommand: ParsableCommand, LedgerFieldNaming {
    static let ledgerFields = ["year": "--year"]

    enum Format: String, CaseIterable, ExpressibleByArgument { case table, markdown, html, csv }

    static let configuration = CommandConfiguration(
        commandName: "year-end",
        abstract: "Close a year: fonds dédiés on 31 December, the year's entries validated, the period closed.",
        discussion: """
            For the accountant (admin), once per year, after the year's last entry. Each tranche owed \
            on 31 December (a milestone achieved, its tranche unpaid) becomes a charge à payer \
            (657/4686), reversed on 1 January. Per fund, the \
            unspent part of the year's restricted resources goes to fonds dédiés (6894/194) and what \
            earlier years' funds paid this year is released (194/7894), so that the funds' timing no \
            longer moves the association's result. Then the year's entries are validated and nothing \
            more can be dated in it. Prints the table of changes in fonds dédiés the notes require. \
            A second run changes nothing and says so. Example:
              fundledger year-end --year 2025 --format markdown
            """)

    @Option(help: ArgumentHelp("The fiscal (calendar) year.", valueName: "year")) var year: Int
    @Option(help: ArgumentHelp("table, markdown, html or csv (the table of fonds dédiés).", valueName: "format"))
    var format: Format = .table
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let result = try connection.store().closeYear(year)
        var said = result.alreadyClosed
            ? "L'exercice \(year) était déjà clos : rien n'a changé."
            : "Exercice \(year) clos : fonds dédiés au 31 décembre \(year), écritures validées, plus rien ne peut être daté de \(year)."
        if result.accrualCount > 0 {
            said += " Charges à payer au 31 décembre (tranches dues pour des étapes atteintes, extournées le 1er janvier) : "
                + "\(result.accrualCount), \(result.accruals)."
        }
        switch format {
        case .html:
            Notice.line(said)
            Output.write(DedicatedFundsTable.html(result.dedicatedFunds, year: year))
        case .csv:
            Notice.line(said)
            Output.write(DedicatedFundsTable.render(result.dedicatedFunds, year: year, as: .csv))
        case .table, .markdown:
            Output.line(said)
            Output.line("")
            Output.write(DedicatedFundsTable.render(result.dedicatedFunds, year: year, as: format == .table ? .table : .markdown))
        }
    }
}
