import ArgumentParser
import Ledger

struct EntryValidateCommand: ParsableCommand, LedgerFieldNaming {
    static let ledgerFields = ["through": "--through"]

    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate the entries dated on or before a day: their definitive FEC numbers.",
        discussion: """
            Each entry not yet validated gets its number in its journal (BQ, OD) and year, after \
            those already given, and today as its validation date; neither ever changes. The period \
            stays open (fundledger period close also validates, and closes). Example:
              fundledger entry validate --through 2026-06-30
            """)

    @Option(help: ArgumentHelp("The last day validated, today at the latest.", valueName: "date")) var through: String
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let day = try Parse.date(through, "--through")
        Output.line(Self.describe(try connection.store().validateEntries(through: day)))
    }

    /// "12 écritures validées : BQ 2025 n° 1 à 8, OD 2025 n° 1 à 4."
    static func describe(_ batches: [ValidatedEntries]) -> String {
        guard !batches.isEmpty else { return "Aucune écriture à valider." }
        let total = batches.reduce(0) { $0 + $1.count }
        let parts = batches.map { "\($0.journal) \($0.fiscalYear) n° \($0.firstNumber)"
            + ($0.lastNumber == $0.firstNumber ? "" : " à \($0.lastNumber)") }
        return "\(FrenchText.count(total, singular: "écriture validée", plural: "écritures validées")) : "
            + parts.joined(separator: ", ") + "."
    }
}
