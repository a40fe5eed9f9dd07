import Ledger

/// A fund's received and paid per quarter drawn with table cells, not SVG: Gmail and Outlook drop
/// inline SVG (and images in `data:` URIs), but every mail client draws a table cell with a width
/// and a background. Bars share one scale within a fund; the amount is written beside each bar,
/// so the chart still reads in black and white. The same figures as `QuarterlyReportHTML.chart`,
/// whose SVG is also written as a file beside the HTML (`--output`).
public enum QuarterlyNewsletterChart {
    /// The bars of `fund` for the report's quarters, oldest first.
    public static func html(_ report: QuarterlyReport, fund: String) -> String {
        let points = report.chart.filter { $0.fund == fund }
        guard !points.isEmpty else { return "" }
        let largest = max(1, points.flatMap { [$0.received.cents, $0.disbursed.cents] }.max() ?? 1)
        let first = report.chartQuarters.first?.short ?? ""
        var out = "<table class=\"bars\" role=\"table\" cellpadding=\"0\" cellspacing=\"0\" width=\"100%\">\n"
        out += "<caption>Reçu et versé par trimestre, du \(HTMLText.escape(first)) au \(HTMLText.escape(report.quarter.short))"
            + " <span class=\"key\"><span class=\"swatch\" style=\"background:\(QuarterlyReportHTML.receivedColor)\">&#160;</span> reçu"
            + " <span class=\"swatch\" style=\"background:\(QuarterlyReportHTML.disbursedColor)\">&#160;</span> versé</span></caption>\n"
        for point in points {
            out += "<tr><th scope=\"row\">\(HTMLText.escape(point.quarter.short))</th><td>"
            out += bar(point.received, of: largest, color: QuarterlyReportHTML.receivedColor, label: "reçu")
            out += bar(point.disbursed, of: largest, color: QuarterlyReportHTML.disbursedColor, label: "versé")
            out += "</td></tr>\n"
        }
        return out + "</table>\n"
    }

    /// One bar: a coloured cell as wide as the amount (at most 70 % of the row, so the amount fits
    /// beside it), then the amount.
    static func bar(_ amount: Money, of largest: Int64, color: String, label: String) -> String {
        let percent = amount.cents <= 0 ? 0 : max(1, Int((Double(amount.cents) / Double(largest) * 70).rounded()))
        var out = "<table class=\"bar\" role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" width=\"100%\"><tr>"
        if percent > 0 {
            out += "<td class=\"fill\" width=\"\(percent)%\" bgcolor=\"\(color)\" style=\"background:\(color);width:\(percent)%\">&#160;</td>"
        }
        out += "<td class=\"amount\">\(HTMLText.escape(amount.newsletter)) <span class=\"what\">\(label)</span></td>"
        return out + "</tr></table>"
    }
}
