import ArgumentParser
import Reports

struct ReportMilestonesCommand: ParsableCommand, LedgerFieldNaming {
    static let ledgerFields = ["code": "--fund"]

    static let configuration = CommandConfiguration(
        commandName: "milestones",
        abstract: "Every project with its milestones: due, status (planned, achieved, late), tranche planned and paid, days late.",
        discussion: """
            As of the end of --as-of (default today): late means due on or before that day and not achieved by \
            it. Per project a header (partner, budget, tranches planned, paid, remaining) and its milestones \
            beneath, at most 100 characters wide (table, markdown); one flat listing, a row per milestone (csv, json).
            """)

    @Option(help: "Only this fund.") var fund: String?
    @Option(name: .customLong("as-of"), help: ArgumentHelp("The day the report describes (default today).", valueName: "date"))
    var asOf: String?
    @OptionGroup var format: FormatOption
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let day = try Parse.date(asOf, "--as-of")
        let report = try MilestoneReportQuery(connection: connection.connect()).report(asOf: day, fund: fund)
        Output.write(report.render(as: format.format))
    }
}
