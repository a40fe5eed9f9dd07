import Foundation
import Hummingbird
import Ledger
import Postgres

extension Problem {
    /// The problem a thrown error answers with. Ledger refusals keep their kind and code;
    /// anything unexpected becomes a 500 that says nothing of its cause (the log has it).
    init(_ error: any Error) {
        switch error {
        case let problem as Problem:
            self = problem
        case let error as LedgerError:
            self.init(ledger: error)
        case let error as InputError:
            self = .invalid(error.description, field: error.field)
        case let error as PostgresError:
            self.init(ledger: LedgerError(error))
        case let error as DecodingError:
            self.init(decoding: error)
        case let error as HTTPError:
            self.init(http: error)
        case is CancellationError:
            self = .unavailable()
        default:
            self = .internalError()
        }
    }

    private init(ledger error: LedgerError) {
        if error.kind == .database {
            // Unreachable, restarting, or a lock that did not come: try again later. Any other
            // database failure is ours.
            self = Self.isTemporary(error.sqlState) ? .unavailable() : .internalError()
            return
        }
        let (status, title): (HTTPResponse.Status, String) = switch error.kind {
        case .notFound: (.notFound, "Introuvable")
        case .duplicate: (.conflict, "Existe déjà")
        case .idempotencyConflict: (.conflict, "Clé d'idempotence déjà utilisée")
        case .insufficientFunds: (.conflict, "Fonds insuffisants")
        case .fundNotOpen: (.conflict, "Fonds fermé")
        case .periodClosed: (.conflict, "Période close")
        case .fundNotSettled: (.conflict, "Fonds non soldé")
        case .cannotReverse: (.conflict, "Contre-passation impossible")
        case .pledgeState: (.conflict, "Promesse dans un état incompatible")
        case .inconsistent: (.unprocessableContent, "Références incohérentes")
        case .invalidInput: (.unprocessableContent, "Valeur refusée")
        case .invariantViolated: (.internalServerError, "Règle du grand livre violée")
        case .migration, .database: (.internalServerError, "Erreur interne")
        }
        let slug = error.code.map { Self.slug($0) } ?? Self.slug(error.kind)
        var detail = error.message
        if error.kind == .invariantViolated {
            detail = "Une règle du grand livre a refusé l'écriture (\(error.code?.rawValue ?? "invariant")) ; rien n'a été enregistré."
        }
        self.init(status: status, slug: slug, title: title, detail: detail, field: error.field,
                  code: error.code?.rawValue, suggestions: error.suggestions)
    }

    private init(decoding error: DecodingError) {
        func path(_ context: DecodingError.Context) -> String? {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? nil : keys.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .keyNotFound(let key, let context):
            let field = (path(context).map { $0 + "." } ?? "") + key.stringValue
            self = .badRequest("Champ obligatoire absent : \(field).", field: field)
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            let field = path(context)
            self = .badRequest("Type inattendu pour \(field ?? "le corps") : \(Self.typeName(type)) attendu.", field: field)
        case .dataCorrupted(let context):
            let field = path(context)
            // Foundation says where the JSON breaks ("around line 1, column 12").
            let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            let place = underlying ?? context.debugDescription
            self = .badRequest(field.map { "Valeur illisible pour \($0) : \(place)" } ?? "JSON illisible : \(place)",
                               field: field)
        @unknown default:
            self = .badRequest("JSON illisible.")
        }
    }

    private init(http error: HTTPError) {
        switch error.status {
        case .unauthorized: self = .unauthorized()
        case .contentTooLarge: self = .tooLarge(limit: APIConfiguration.maxJSONBodyBytes)
        case .notFound:
            self.init(status: .notFound, slug: "no-such-route", title: "Route inconnue",
                      detail: "Aucune route ne correspond ; la liste est dans /openapi.yaml.")
        case .methodNotAllowed:
            self.init(status: .methodNotAllowed, slug: "method-not-allowed", title: "Méthode non autorisée",
                      detail: "Cette route n'accepte pas cette méthode ; voir /openapi.yaml.")
        default:
            self.init(status: error.status, slug: "http-\(error.status.code)", title: error.status.reasonPhrase,
                      detail: error.body ?? error.status.reasonPhrase)
        }
    }

    /// SQLSTATEs that say "not now" rather than "never": connection failures (class 08),
    /// shutdown (57P0x), cancelled statement (57014), lock not available (55P03),
    /// serialization failure or deadlock after retries (40001, 40P01); nil when libpq could
    /// not reach the server at all.
    static func isTemporary(_ sqlState: String?) -> Bool {
        guard let sqlState else { return true }
        return sqlState.hasPrefix("08") || sqlState.hasPrefix("57P") || sqlState.hasPrefix("53")
            || ["57014", "55P03", "40001", "40P01"].contains(sqlState)
    }

    /// `insufficientFunds` → `insufficient-funds`.
    static func slug(_ code: LedgerErrorCode) -> String { kebab(String(describing: code)) }
    static func slug(_ kind: LedgerError.Kind) -> String { kebab(kind.rawValue) }

    private static func kebab(_ name: String) -> String {
        var out = ""
        for character in name {
            if character.isUppercase { out += "-" + character.lowercased() } else { out.append(character) }
        }
        return out
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "texte"
        case is Int64.Type, is Int.Type: "nombre entier"
        case is Bool.Type: "booléen"
        default:
            // Containers are named by their JSON shape, not by Swift's spelling of them.
            "\(type)".hasPrefix("Dictionary") ? "objet JSON" : "\(type)".hasPrefix("Array") ? "liste JSON" : "\(type)"
        }
    }
}
