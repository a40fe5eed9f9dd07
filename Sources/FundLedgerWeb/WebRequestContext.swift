import Hummingbird

/// The context of a request to the screens: the mounting router's core context (request id,
/// logger), and who is signed in, as `SessionMiddleware` found it.
///
/// Generic over the parent context so that the screens can be mounted by any router (the HTTP
/// service mounts them under /app) without this module knowing the service's context type:
/// FundLedgerWeb stays below FundLedgerAPI.
public struct WebRequestContext<Parent: RequestContext>: ChildRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The signed-in user and the token of the session; nil when signed out.
    var signedIn: SignedIn?

    public init(context: Parent) throws {
        coreContext = context.coreContext
        signedIn = nil
    }

    /// Forms are small.
    public var maxUploadSize: Int { 64 * 1024 }
}
