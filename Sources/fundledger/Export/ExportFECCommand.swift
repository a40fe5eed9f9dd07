import ArgumentParser
import Foundation
import Reports

struct ExportFECCommand: ParsableCommand {
    static let placeholderSIREN = "000000000"

    static let configuration = CommandConfiguration(
        commandName: "fec",
        abstract: "Write the year's Fichier des Écritures Comptables (<SIREN>FEC<YYYY>1231.txt) for the accountant.",
        discussion: """
            Tab-separated, 18 columns with a header line, dates AAAAMMJJ, amounts 1234,56. Journals: BQ \
            (contributions, disbursements), OD (pledges, write-offs); reversals go to their original's \
            journal. Without --siren the file is named with 000000000 and a warning is printed: give the \
            association's SIREN for a file to hand over.
            """)

    @Option(help: ArgumentHelp("Fiscal year (calendar year).", valueName: "year")) var year: Int
    @Option(help: ArgumentHelp("The association's SIREN, nine digits (default 000000000, with a warning).", valueName: "siren"))
    var siren: String?
    @Option(name: .customLong("output-dir"), help: ArgumentHelp("Folder to write into (default: the current folder).", valueName: "dir"))
    var outputDir: String = "."
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let siren = siren?.trimmingCharacters(in: .whitespaces) ?? Self.placeholderSIREN
        let export = try FECExport(connection: connection.connect(), year: year, siren: siren)
        if self.siren == nil {
            Notice.line("warning: no --siren given: the file is named with the placeholder SIREN \(Self.placeholderSIREN)")
        }
        let summary = try export.write(toDirectory: outputDir)
        Output.line("\(summary.path): \(summary.lines) lines, \(summary.entries) entries, debits \(summary.debits.decimalComma), credits \(summary.credits.decimalComma)")
    }
}
