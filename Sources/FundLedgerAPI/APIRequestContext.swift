import Hummingbird
import HummingbirdAuth

/// What every request carries through the middleware and the controllers: Hummingbird's core
/// context (request id, logger with `hb.request.id` on every line) and the caller the bearer
/// token identified, if any.
public struct APIRequestContext: AuthRequestContext, RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The token's name and role; nil before `TokenAuthenticator`, or without a token.
    public var identity: APICaller?

    public init(source: Source) {
        coreContext = .init(source: source)
        identity = nil
    }

    /// JSON bodies are small; a CSV import is streamed and has its own limit (`APIConfiguration`).
    public var maxUploadSize: Int { APIConfiguration.maxJSONBodyBytes }

    /// The caller, or 401 when the request presented no valid token.
    func caller() throws -> APICaller {
        guard let identity else { throw Problem.unauthorized() }
        return identity
    }
}
