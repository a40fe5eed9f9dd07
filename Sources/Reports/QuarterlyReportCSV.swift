/// The quarterly report as CSV: the figures, one row per fund and a `TOTAL` row, plain amounts
/// (`1234.56`) — what a spreadsheet needs. Milestones and reversals are in the other formats.
public enum QuarterlyReportCSV {
    public static func render(_ report: QuarterlyReport) -> String {
        TableRenderer.csv(QuarterlyReportTables.figures(report))
    }
}
