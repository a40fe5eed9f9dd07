import Foundation
import HTTPTypes
import Hummingbird
import Ledger

/// A refusal as the client reads it: `application/problem+json` (RFC 9457).
///
///     {"type": "/problems/insufficient-funds", "title": "Fonds insuffisants", "status": 409,
///      "detail": "…", "field": "amount", "code": "FL010", "request_id": "…"}
///
/// `type` is stable per kind of refusal (the ledger's error table, `LedgerErrorCode`, when the
/// refusal came from the ledger); `detail` is what the ledger said to the person who made the
/// request (`LedgerError.description`), never PostgreSQL's DETAIL, SQL or a stack.
public struct Problem: HTTPResponseError, Sendable {
    public var status: HTTPResponse.Status
    /// The last part of `type`: `insufficient-funds`, `not-found`, `unauthorized`…
    public var slug: String
    public var title: String
    public var detail: String
    /// The request field at fault (`amount_cents`, `received_on`, a JSON path…).
    public var field: String?
    /// The ledger's code (`FL010`), when the refusal came from the ledger.
    public var code: String?
    /// Existing names close to one that was not found.
    public var suggestions: [String] = []
    /// Headers the refusal needs (`Retry-After`, `WWW-Authenticate`).
    public var headers: HTTPFields = [:]
    /// An import's refused lines (extension member `lines`), the first ones by line.
    public var lines: [ProblemLine]?
    /// How many lines were refused in all (extension member `lines_total`), when more than listed is possible.
    public var linesTotal: Int?

    public init(status: HTTPResponse.Status, slug: String, title: String, detail: String, field: String? = nil,
                code: String? = nil, suggestions: [String] = [], headers: HTTPFields = [:]) {
        self.status = status
        self.slug = slug
        self.title = title
        self.detail = detail
        self.field = field
        self.code = code
        self.suggestions = suggestions
        self.headers = headers
    }

    public var type: String { "/problems/\(slug)" }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = Body(type: type, title: title, status: Int(status.code), detail: detail, field: field, code: code,
                        suggestions: suggestions.isEmpty ? nil : suggestions, lines: lines, linesTotal: linesTotal,
                        requestID: context.id)
        var headers = headers
        headers[.contentType] = "application/problem+json"
        let data = try JSONEncoder.ledger.encode(body)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    private struct Body: Encodable {
        var type: String
        var title: String
        var status: Int
        var detail: String
        var field: String?
        var code: String?
        var suggestions: [String]?
        var lines: [ProblemLine]?
        var linesTotal: Int?
        var requestID: String

        enum CodingKeys: String, CodingKey {
            case type, title, status, detail, field, code, suggestions, lines, linesTotal = "lines_total"
            case requestID = "request_id"
        }
    }
}

// MARK: - The refusals of the HTTP layer itself

extension Problem {
    static func unauthorized(detail: String = "Cette route demande un jeton : Authorization: Bearer fl_…") -> Problem {
        Problem(status: .unauthorized, slug: "unauthorized", title: "Authentification requise", detail: detail,
                headers: [.wwwAuthenticate: "Bearer"])
    }

    static func forbidden(_ role: APIToken.Role) -> Problem {
        Problem(status: .forbidden, slug: "forbidden", title: "Rôle insuffisant",
                detail: "Cette action demande un jeton de rôle \(role.rawValue) ou plus.")
    }

    static func badRequest(_ detail: String, field: String? = nil) -> Problem {
        Problem(status: .badRequest, slug: "malformed-request", title: "Requête illisible", detail: detail, field: field)
    }

    static func invalid(_ detail: String, field: String?) -> Problem {
        Problem(status: .unprocessableContent, slug: "invalid-input", title: "Valeur refusée", detail: detail, field: field)
    }

    static func unsupportedMediaType(expected: String) -> Problem {
        Problem(status: .unsupportedMediaType, slug: "unsupported-media-type", title: "Type de contenu non pris en charge",
                detail: "Le corps doit être envoyé en \(expected) (en-tête Content-Type).")
    }

    static func notAcceptable(offered: [String]) -> Problem {
        Problem(status: .notAcceptable, slug: "not-acceptable", title: "Format non disponible",
                detail: "Formats disponibles (en-tête Accept) : \(offered.joined(separator: ", ")).")
    }

    static func tooLarge(limit: Int) -> Problem {
        Problem(status: .contentTooLarge, slug: "body-too-large", title: "Corps trop volumineux",
                detail: "Le corps de la requête dépasse \(limit) octets.")
    }

    static func unavailable() -> Problem {
        Problem(status: .serviceUnavailable, slug: "database-unavailable", title: "Base de données indisponible",
                detail: "La base de données ne répond pas ; rien n'a été enregistré. Réessayez dans quelques secondes.",
                headers: [.retryAfter: String(APIConfiguration.retryAfterSeconds)])
    }

    static func internalError() -> Problem {
        Problem(status: .internalServerError, slug: "internal-error", title: "Erreur interne",
                detail: "Une erreur interne a empêché la requête ; rien n'a été enregistré. Le journal du service la décrit (request_id).")
    }
}
