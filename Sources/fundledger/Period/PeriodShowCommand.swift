import ArgumentParser
import Ledger

struct PeriodShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Print the day the books are closed through.")

    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        if let day = try connection.reader().booksClosedThrough() {
            Output.line("Comptes clos jusqu'au \(Say.date(day)) inclus.")
        } else {
            Output.line("Aucune période close.")
        }
    }
}
