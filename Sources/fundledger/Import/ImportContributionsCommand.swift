import ArgumentParser
import Foundation
import Import
import Ledger
import Postgres

struct ImportContributionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contributions",
        abstract: "Record the contributions of a CSV file (bank receipts), all or nothing.",
        discussion: """
            Columns by header name, in any order, French or English: date (date de réception, \
            received_on), donor (donateur, collectivité), fund (fonds), amount (montant), reference \
            (référence), and optionally pledge (promesse, pledge_id) and idempotency_key (clé). \
            Other columns are ignored. UTF-8 with or without BOM (or --encoding latin1), CRLF or LF, \
            ";" or "," detected from the header line, quoted fields with delimiters or line breaks \
            inside, amounts such as "1 234,56 €", dates 2026-02-03 or 03/02/2026.

            Any bad line and nothing is written: every bad line is listed (line, column, reason) on \
            standard error. Importing the same file again writes nothing. A line whose reference is \
            already recorded for its donor is reported, never posted twice.
            """)

    @Argument(help: ArgumentHelp("The CSV file.", valueName: "file")) var file: String
    @Flag(name: .customLong("dry-run"), help: "Check everything, write nothing, print the summary.") var dryRun = false
    @Option(help: ArgumentHelp("Field delimiter (default: ';' or ',' detected from the header line).",
                               valueName: "char")) var delimiter: String?
    @Option(help: ArgumentHelp("utf-8, or latin1 (read as Windows-1252, as spreadsheets write it).", valueName: "encoding")) var encoding: String = "utf-8"
    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        if let delimiter, delimiter.count != 1 && delimiter != "\\t" {
            throw ValidationError("--delimiter takes one character, e.g. ';' (or '\\t' for a tab)")
        }
        if TextEncoding(name: encoding) == nil {
            throw ValidationError("--encoding takes utf-8 or latin1")
        }
    }

    func run() throws {
        let options = ContributionImporter.Options(
            dryRun: dryRun, delimiter: delimiter.map { $0 == "\\t" ? "\t" : Character($0) },
            encoding: TextEncoding(name: encoding) ?? .utf8)
        let bar = ImportProgressBar.forStandardError()
        let importer = ContributionImporter(connection: try connection.connect(), actor: ConnectionOptions.actor,
                                            options: options, progress: bar.map { bar in { bar.show($0) } })
        let outcome: ImportOutcome
        do {
            outcome = try importer.run(path: file)
            bar?.clear()
        } catch let failure as ImportFailure {
            bar?.clear()
            for line in failure.lines {
                FileHandle.standardError.write(Data("  \(line)\n".utf8))
            }
            throw CLIError(failure.description)
        } catch let error as ImportError {
            bar?.clear()
            throw CLIError(error.description)
        } catch {
            bar?.clear()
            throw error
        }
        switch outcome {
        case .imported(let summary):
            Output.line("Import n° \(summary.importID ?? 0) enregistré : \(Self.describe(summary)).")
            printFunds(summary)
        case .dryRun(let summary):
            Output.line("Simulation (--dry-run), rien n'a été écrit : \(Self.describe(summary)) seraient enregistrés.")
            printFunds(summary)
        case .alreadyImported(let id, let name, let lines, let total, let recordedAt):
            let day = CalendarDate(iso: String(recordedAt.prefix(10))).map(FrenchText.date) ?? String(recordedAt.prefix(10))
            Output.line("Fichier déjà importé (import n° \(id), \(name), le \(day) : "
                        + "\(Self.count(lines, "versement", "versements")), \(total)) : rien n'a été écrit.")
        }
    }

    static func describe(_ summary: ImportSummary) -> String {
        var text = "\(count(summary.lines, "versement", "versements")), \(summary.total)"
        if summary.appliedToPledges > .zero { text += " (dont \(summary.appliedToPledges) sur promesses)" }
        return text
    }

    static func count(_ number: Int, _ singular: String, _ plural: String) -> String {
        "\(ImportProgressBar.grouped(number)) \(number == 1 ? singular : plural)"
    }

    private func printFunds(_ summary: ImportSummary) {
        let codeWidth = max(5, summary.funds.map(\.fund.count).max() ?? 0)
        let lineWidth = max(6, summary.funds.map { ImportProgressBar.grouped($0.lines).count }.max() ?? 0)
        let amountWidth = max(7, summary.funds.map { $0.amount.french.count }.max() ?? 0)
        func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
            let padding = String(repeating: " ", count: max(0, width - text.count))
            return left ? text + padding : padding + text
        }
        Output.line("  " + pad("fonds", codeWidth, left: true) + "  " + pad("lignes", lineWidth) + "  "
                    + pad("montant", amountWidth) + "  dont sur promesses")
        for fund in summary.funds {
            Output.line("  " + pad(fund.fund, codeWidth, left: true) + "  " + pad(ImportProgressBar.grouped(fund.lines), lineWidth)
                        + "  " + pad(fund.amount.french, amountWidth) + "  " + fund.appliedToPledges.french)
        }
        if !summary.ignoredColumns.isEmpty {
            Output.line("Colonnes ignorées : " + summary.ignoredColumns.joined(separator: ", ") + ".")
        }
    }
}
