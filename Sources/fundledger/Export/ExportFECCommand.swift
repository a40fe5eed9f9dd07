import ArgumentParser
import Foundation
import Ledger
import Reports

extension FECEncoding: ExpressibleByArgument {}

struct ExportFECCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fec",
        abstract: "Write the year's Fichier des Écritures Comptables (<SIREN>FEC<YYYY>1231.txt) for the accountant.",
        discussion: """
            The funds' entries, to be merged into the association's general books. Tab-separated, 18 \
            columns with a header line, dates AAAAMMJJ, amounts 1234,56, ISO 8859-15 by default. \
            Journals: AN (opening entries, once the previous year is closed), BQ (contributions, \
            disbursements), OD (pledges, write-offs); reversals go to their original's journal. \
            Accounts carry the fund as a suffix (512000GAZA); donors and partners are auxiliary \
            accounts; a pledge's lines are lettered once it is settled. Validated entries (fundledger period close, entry validate) keep the number and \
            validation date they were given; a closed year's file is the same at every export. The \
            SIREN is the one set with fundledger settings set siren, unless --siren gives another; \
            without either the export is refused.
            """)

    @Option(help: ArgumentHelp("Fiscal year (calendar year).", valueName: "year")) var year: Int
    @Option(help: ArgumentHelp("The association's SIREN, nine digits (default: the one in the settings).", valueName: "siren"))
    var siren: String?
    @Option(help: ArgumentHelp("latin9 (ISO 8859-15, what it lacks transliterated; the default) or utf-8.",
                               valueName: "encoding"))
    var encoding: FECEncoding = .latin9
    @Option(name: .customLong("output-dir"), help: ArgumentHelp("Folder to write into (default: the current folder).", valueName: "dir"))
    var outputDir: String = "."
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let connection = try connection.connect()
        let stored = try LedgerReader(connection: connection).organisationSettings().siren
        guard let siren = siren?.trimmingCharacters(in: .whitespaces) ?? stored else {
            throw CLIError("SIREN manquant\u{00A0}: le FEC porte celui de l’association\u{00A0}; enregistrez-le une fois avec fundledger settings set siren NNNNNNNNN (ou donnez --siren)")
        }
        var export = try FECExport(connection: connection, year: year, siren: siren)
        export.encoding = encoding
        let summary = try export.write(toDirectory: outputDir)
        Output.line("\(summary.path): \(summary.lines) lines, \(summary.entries) entries, debits \(summary.debits.decimalComma), credits \(summary.credits.decimalComma)")
    }
}
