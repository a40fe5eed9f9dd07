import ArgumentParser
import Ledger

struct PeriodShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print the day the books are closed through, the years closed by year-end, and each closing.")

    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let overview = try connection.reader().periodsOverview()
        guard let day = overview.booksClosedThrough else {
            Output.line("Aucune période close.")
            return
        }
        Output.line("Comptes clos jusqu'au \(Say.date(day)) inclus.")
        if !overview.yearEnds.isEmpty {
            Output.line("Exercices clos par la fin d'exercice (fonds dédiés) : \(FrenchText.list(overview.yearEnds.map(String.init))).")
        }
        for closure in overview.closures {
            Output.line("- clôture jusqu'au \(Say.date(closure.closedThrough)), le \(closure.closedAt.prefix(10)) (UTC), par \(closure.closedBy)")
        }
    }
}
