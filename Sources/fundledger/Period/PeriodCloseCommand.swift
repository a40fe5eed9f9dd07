import ArgumentParser
import Ledger

struct PeriodCloseCommand: ParsableCommand, LedgerFieldNaming {
    static let ledgerFields = ["through": "--through"]

    static let configuration = CommandConfiguration(
        commandName: "close",
        abstract: "Close the books through a day: nothing dated on or before it can be written afterwards.",
        discussion: """
            For the accountant (admin). Every entry dated so far is validated: it gets its \
            definitive FEC number in its journal and year, and today as its validation date, never \
            changed again; the FEC of a closed year is the same file at every export. Corrections \
            are then dated in the open period. A closed period is never reopened. Example:
              fundledger period close --through 2025-12-31
            """)

    @Option(help: ArgumentHelp("The last day closed, before today.", valueName: "date")) var through: String
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let day = try Parse.date(through, "--through")
        let closure = try connection.store().closePeriod(through: day)
        guard closure.newlyClosed else {
            Output.line("Les comptes étaient déjà clos jusqu'au \(Say.date(closure.closedThrough)) : rien n'a changé.")
            return
        }
        Output.line("Comptes clos jusqu'au \(Say.date(closure.closedThrough)) : plus aucune écriture ne peut être datée de ce jour ou d'avant.")
        Output.line(EntryValidateCommand.describe(closure.validated))
    }
}
