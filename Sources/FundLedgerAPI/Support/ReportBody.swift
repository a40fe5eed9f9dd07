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
}

extension HTTPField.Name {
    /// `Vary`: HTTPTypes names no constant for it.
    static let vary = HTTPField.Name("Vary")!
}
