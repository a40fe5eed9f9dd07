import ArgumentParser
import Foundation
import Reports

struct ReportQuarterlyCommand: ParsableCommand, LedgerFieldNaming {
    static let ledgerFields = ["code": "--fund"]

    enum Format: String, CaseIterable, ExpressibleByArgument { case markdown, html, json, csv }

    static let configuration = CommandConfiguration(
        commandName: "quarterly",
        abstract: "The quarterly report of one fund or all funds, for the newsletter and the board.",
        discussion: """
            By default the newsletter's report: fund names, the quarter beside the totals since each \
            fund opened, what is available, committed and not yet paid, free to commit; a short \
            narrative per fund (fundledger project describe), the fund's thanks, the next milestones; \
            the organisation's name and logo (fundledger settings). Its HTML fits a 600 px mail column \
            and an A4 page; with --output FILE.html the chart is also written as FILE-graphique.svg. \
            --detail prints the internal sheet instead (every figure, reversals, late milestones, an \
            inline SVG chart). JSON (amounts in integer cents) and CSV (figures per fund) hold every \
            figure either way. With --output the files are written whole or not at all.
            """)

    @Option(help: ArgumentHelp("Quarter, e.g. 2026-Q1.", valueName: "YYYY-Qn")) var quarter: String
    @Option(help: "Only this fund.") var fund: String?
    @Option(help: ArgumentHelp("markdown, html, json or csv.", valueName: "format")) var format: Format = .markdown
    @Flag(help: "The internal sheet (every figure, reversals, late milestones) rather than the newsletter's report.")
    var detail = false
    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file")) var output: String?
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        guard let period = Quarter(parsing: quarter) else {
            throw CLIError("--quarter\u{00A0}: «\u{00A0}\(quarter)\u{00A0}» n’est pas un trimestre\u{00A0}; attendu AAAA-Qn, n de 1 à 4, par exemple 2026-Q1")
        }
        // Checked before any query, so that a bad path costs nothing and leaves nothing.
        let file = try output.map { try AtomicFile(path: $0) }
        let chartFile = try file.flatMap { file in
            format == .html ? try AtomicFile(path: Self.chartPath(besides: file.destination.path)) : nil
        }
        do {
            let report = try QuarterlyReportQuery(connection: connection.connect()).report(quarter: period, fund: fund)
            let text = switch (format, detail) {
            case (.markdown, false): QuarterlyNewsletterMarkdown.render(report)
            case (.markdown, true): QuarterlyReportMarkdown.render(report)
            case (.html, false): QuarterlyNewsletterHTML.render(report)
            case (.html, true): QuarterlyReportHTML.render(report)
            case (.json, _): QuarterlyReportJSON.render(report)
            case (.csv, _): QuarterlyReportCSV.render(report)
            }
            if let chartFile { try Output.deliver(QuarterlyReportHTML.chart(report, label: \.shortName).standalone(), to: chartFile) }
            try Output.deliver(text, to: file)
        } catch {
            // The process exits on error: no deinit would remove the temporary files.
            file?.discard()
            chartFile?.discard()
            throw error
        }
    }

    /// `rapport.html` → `rapport-graphique.svg`, in the same folder.
    static func chartPath(besides path: String) -> String {
        let url = URL(fileURLWithPath: path)
        let base = url.pathExtension.isEmpty ? url.lastPathComponent : url.deletingPathExtension().lastPathComponent
        return url.deletingLastPathComponent().appendingPathComponent("\(base)-graphique.svg").path
    }
}
