import Hummingbird
import Ledger
import NIOCore

/// Every failure of a screen becomes an HTML page in French, never the API's problem+json:
/// the ledger unavailable (503), a form too large (413), anything else (500, the log has the
/// cause; the page says nothing of it).
struct WebErrorMiddleware<Parent: RequestContext>: RouterMiddleware {
    typealias Context = WebRequestContext<Parent>
    let templates: WebTemplates

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            return page("Formulaire trop volumineux", "Le formulaire envoyé dépasse la taille acceptée.", .contentTooLarge)
        } catch is NIOTooManyBytesError {
            // What `collectBody(upTo:)` throws when the body streams past the limit: a 413, not a 500.
            return page("Formulaire trop volumineux", "Le formulaire envoyé dépasse la taille acceptée.", .contentTooLarge)
        } catch let error as LedgerError where error.kind == .database {
            context.logger.error("screen failed: \(String(reflecting: error))")
            return page("Grand livre indisponible", "Le grand livre ne répond pas pour l’instant ; réessayez dans un moment.",
                        .serviceUnavailable)
        } catch {
            context.logger.error("screen failed: \(String(reflecting: error))")
            return page("Erreur interne", "Une erreur interne a empêché d’afficher cette page.",
                        .internalServerError)
        }
    }

    private func page(_ heading: String, _ message: String, _ status: HTTPResponse.Status) -> Response {
        WebPage(template: "error", title: heading, values: ["heading": heading, "message": message], status: status)
            .response(templates, signedIn: nil)
    }
}
