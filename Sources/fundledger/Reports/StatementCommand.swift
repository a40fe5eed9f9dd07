import ArgumentParser
import Foundation
import Reports

struct StatementCommand: ParsableCommand, LedgerFieldNaming {
    static let ledgerFields = ["name": "--donor", "code": "--fund"]

    static let configuration = CommandConfiguration(
        commandName: "statement",
        abstract: "A donor collectivité's statement: pledges and contributions by fund, what remains expected, what the funds achieved.",
        discussion: """
            With --compte-rendu, the compte rendu financier owed for an earmarked subsidy (in the spirit \
            of Cerfa n° 15059) for one fund and one year: what the collectivité paid, what the fund paid \
            out in the year by project and milestone, the collectivité's pro-rata share of each payment \
            and what remains to be used; --format markdown (default), html (printable A4) or csv. \
            With --all instead of --donor, one file per donor of the fund in the folder --output.
            """)

    @Option(help: "The collectivité (case and accents do not matter).") var donor: String?
    @Option(help: ArgumentHelp("Only this year (default: every year); with --compte-rendu, the year accounted for.",
                               valueName: "year")) var year: Int?
    @Option(help: "With --compte-rendu: the fund accounted for.") var fund: String?
    @Flag(name: .customLong("compte-rendu"), help: "The compte rendu financier of --fund for --year.") var compteRendu = false
    @Flag(help: "With --compte-rendu: every donor of the fund, one file each in the folder --output.") var all = false
    @Option(help: ArgumentHelp("""
        table (default), csv, json or markdown; with --compte-rendu: markdown (default), html or csv.
        """, valueName: "format")) var format: String?
    @Option(help: ArgumentHelp("With --compte-rendu: write to this file (with --all: into this folder).", valueName: "path"))
    var output: String?
    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        if let year, !(1900...9999).contains(year) {
            throw ValidationError("--year\u{00A0}: \(year) n’est pas une année")
        }
        if compteRendu {
            guard fund != nil else { throw ValidationError("--compte-rendu needs --fund") }
            guard year != nil else { throw ValidationError("--compte-rendu needs --year") }
            guard all != (donor != nil) else { throw ValidationError("--compte-rendu needs either --donor or --all") }
            if all, output == nil { throw ValidationError("--all needs --output, the folder to write one file per donor into") }
            if let format, CompteRenduFormat(rawValue: format) == nil {
                throw ValidationError("--format: \"\(format)\" is not markdown, html or csv")
            }
        } else {
            guard donor != nil else { throw ValidationError("Missing expected argument '--donor <donor>'") }
            if fund != nil || all || output != nil {
                throw ValidationError("--fund, --all and --output go with --compte-rendu")
            }
            if let format, OutputFormat(rawValue: format) == nil {
                throw ValidationError("--format: \"\(format)\" is not table, csv, json or markdown")
            }
        }
    }

    func run() throws {
        guard compteRendu else {
            let statement = try DonorStatementQuery(connection: connection.connect())
                .statement(donor: donor!, year: year)
            Output.write(DonorStatementRenderer.render(statement, as: format.flatMap(OutputFormat.init(rawValue:)) ?? .table))
            return
        }
        let format = format.flatMap(CompteRenduFormat.init(rawValue:)) ?? .markdown
        let query = try CompteRenduQuery(connection: connection.connect())
        if all {
            try writeAll(query.all(fund: fund!, year: year!), as: format)
            return
        }
        // Checked before any query, so that a bad path costs nothing and leaves nothing.
        let file = try output.map { try AtomicFile(path: $0) }
        do {
            try Output.deliver(format.render(query.compteRendu(donor: donor!, fund: fund!, year: year!)), to: file)
        } catch {
            file?.discard()  // the process exits on error: no deinit would remove the temporary file
            throw error
        }
    }

    /// One file per donor, `compte-rendu-<FUND>-<year>-<donor>.<ext>`, each written whole.
    private func writeAll(_ reports: [CompteRendu], as format: CompteRenduFormat) throws {
        let folder = URL(fileURLWithPath: output!, isDirectory: true)
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } else if !isDirectory.boolValue {
            throw CLIError("--output: \(folder.path) is not a folder")
        }
        let stems = SafeFileName.distinctStems(reports.map(\.donor))
        for (report, stem) in zip(reports, stems) {
            let name = "compte-rendu-\(SafeFileName.stem(report.fundCode))-\(report.year)-\(stem).\(format.fileExtension)"
            try Output.deliver(format.render(report), to: AtomicFile(path: folder.appendingPathComponent(name).path))
        }
        if reports.isEmpty { Notice.line("no donor paid to \(fund!.uppercased()) by the end of \(year!): no file written") }
    }
}
