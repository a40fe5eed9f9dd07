import HTTPTypes
import Hummingbird
import Ledger
import Postgres

extension Response {
    /// A report already rendered in `format` (by the `Reports` module, as the CLI prints it).
    static func report(_ text: String, as format: ReportFormat, headers extra: HTTPFields = [:]) -> Response {
        var headers = extra
        headers[.contentType] = format.contentType
        // The representation depends on Accept: caches must key on it.
        headers[.vary] = "Accept"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

extension Request {
    /// The format `Accept` asks for among `offered` (406 otherwise).
    func reportFormat(offering offered: [ReportFormat] = ReportFormat.reports) throws -> ReportFormat {
        try ContentNegotiation.choose(headers[values: .accept].joined(separator: ","), offered: offered)
    }

    /// An optional query parameter that must be an integer in `range` (400 naming it otherwise).
    func queryInteger(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = queryText(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw Problem.badRequest("\(name) doit être un nombre entier de \(range.lowerBound) à \(range.upperBound).", field: name)
        }
        return value
    }

    /// An optional date parameter (`2026-02-03`), 422 naming it when it is not a date.
    func queryDate(_ name: String) throws -> CalendarDate? {
        try queryText(name).map { try DateParser.parse($0, field: name) }
    }

    /// An optional boolean parameter: `true`/`false` (also `1`/`0`), 400 naming it otherwise.
    func queryBool(_ name: String) throws -> Bool? {
        guard let text = queryText(name) else { return nil }
        switch text.lowercased() {
        case "true", "1": return true
        case "false", "0": return false
        default: throw Problem.badRequest("\(name) doit valoir true ou false.", field: name)
        }
    }
}

extension HTTPField.Name {
    /// `Vary`: HTTPTypes names no constant for it.
    static let vary = HTTPField.Name("Vary")!
}
