/// The formats of a `CompteRendu`: Markdown to paste into a letter, HTML to print on A4, CSV for
/// the accountant's spreadsheet.
public enum CompteRenduFormat: String, Sendable, CaseIterable {
    case markdown, html, csv

    /// The file name's extension, without the dot.
    public var fileExtension: String {
        switch self {
        case .markdown: "md"
        case .html: "html"
        case .csv: "csv"
        }
    }

    public func render(_ report: CompteRendu) -> String {
        switch self {
        case .markdown: CompteRenduMarkdown.render(report)
        case .html: CompteRenduHTML.render(report)
        case .csv: CompteRenduCSV.render(report)
        }
    }
}
