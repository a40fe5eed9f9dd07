import ArgumentParser
import Reports

struct ReportQuarterlyCommand: ParsableCommand, LedgerFieldNaming {
    static let ledgerFields = ["code": "--fund"]

    enum Format: String, CaseIterable, ExpressibleByArgument { case markdown, html, json, csv }

    static let configuration = CommandConfiguration(
        commandName: "quarterly",
        abstract: "The quarterly report of one fund or all funds (figures, milestones, thanks, reversals).",
        discussion: """
            Markdown (newsletter-ready, French amounts and dates), HTML (one self-contained printable \
            page with a chart of received vs disbursed per fund and per quarter), JSON (amounts in \
            integer cents) or CSV (figures per fund). With --output the file is written whole or not at all.
            """)

    @Option(help: ArgumentHelp("Quarter, e.g. 2026-Q1.", valueName: "YYYY-Qn")) var quarter: String
    @Option(help: "Only this fund.") var fund: String?
    @Option(help: ArgumentHelp("markdown, html, json or csv.", valueName: "format")) var format: Format = .markdown
    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file")) var output: String?
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        guard let period = Quarter(parsing: quarter) else {
            throw CLIError("--quarter\u{00A0}: «\u{00A0}\(quarter)\u{00A0}» n’est pas un trimestre\u{00A0}; attendu AAAA-Qn, n de 1 à 4, par exemple 2026-Q1")
        }
        // Checked before any query, so that a bad path costs nothing and leaves nothing.
        let file = try output.map { try AtomicFile(path: $0) }
        do {
            let report = try QuarterlyReportQuery(connection: connection.connect()).report(quarter: period, fund: fund)
            let text = switch format {
            case .markdown: QuarterlyReportMarkdown.render(report)
            case .html: QuarterlyReportHTML.render(report)
            case .json: QuarterlyReportJSON.render(report)
            case .csv: QuarterlyReportCSV.render(report)
            }
            try Output.deliver(text, to: file)
        } catch {
            file?.discard()  // the process exits on error: no deinit would remove the temporary file
            throw error
        }
    }
}
