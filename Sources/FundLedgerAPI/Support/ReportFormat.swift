/// A representation a report route can answer with, chosen by the request's `Accept`
/// (`ContentNegotiation`).
enum ReportFormat: String, Sendable, CaseIterable {
    case json, markdown, html, csv, plain

    /// The media type, as listed in `Accept` and in a 406.
    var mediaType: String {
        switch self {
        case .json: "application/json"
        case .markdown: "text/markdown"
        case .html: "text/html"
        case .csv: "text/csv"
        case .plain: "text/plain"
        }
    }

    /// The `Content-Type` of the answer: always UTF-8 (the reports' accents).
    var contentType: String {
        switch self {
        case .csv: "text/csv; charset=utf-8; header=present"
        default: mediaType + "; charset=utf-8"
        }
    }

    /// What every report offers, the first being the default (`*/*` or no `Accept`).
    static let reports: [ReportFormat] = [.json, .markdown, .html, .csv]
}
