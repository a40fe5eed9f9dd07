import FundLedgerWeb
import Hummingbird
import HummingbirdAuth
import Ledger
import Logging
import Postgres
import ServiceLifecycle

/// The application `fundledger serve` runs, and the one the tests run: the same router, the same
/// middleware, the same controllers.
///
///     let app = try buildApplication(APIConfiguration(port: 8080))
///     try await app.runService()   // until SIGTERM or SIGINT: in-flight requests finish, pool closed
public func buildApplication(_ configuration: APIConfiguration,
                             logger: Logger = Logger(label: "fundledger.api")) -> some ApplicationProtocol {
    _ = MetricsController.registry  // bootstraps swift-metrics before the first request counts
    let pool = PostgresConnectionPool(conninfo: configuration.databaseURL, size: configuration.poolSize,
                                      logger: logger)
    let router = buildRouter(service: LedgerService(pool: pool), web: WebConfiguration())
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port),
                             serverName: "FundLedger"),
        services: [PoolService(pool: pool)],
        logger: logger
    )
}

/// Every route, behind its middleware. Outermost first: metrics see the final status; errors
/// become problem+json; the request is logged (method and path, never a header); then, on every
/// route but the probes, the bearer token becomes the caller, and each controller says which
/// role each of its routes needs.
func buildRouter(service: LedgerService, web: WebConfiguration = WebConfiguration()) -> Router<APIRequestContext> {
    let router = Router(context: APIRequestContext.self)
    router.addMiddleware {
        MetricsMiddleware()
        ProblemMiddleware()
        LogRequestsMiddleware(.info)
    }
    // The probes read no token at all: an orchestrator's probe carrying a stale one still works.
    HealthController(service: service).addRoutes(to: router)

    let authenticated = router.group().add(middleware: TokenAuthenticator(service: service))
    OpenAPIController().addRoutes(to: authenticated)
    MetricsController(pool: service.pool).addRoutes(to: authenticated)

    let v1 = authenticated.group("v1")
    // Resources: funds, donors, pledges and intentions, contributions, partners, projects,
    // milestones, disbursements, entries, balances, tokens, the organisation's settings.
    FundsController(service: service).addRoutes(to: v1.group("funds"))
    DonorsController(service: service).addRoutes(to: v1.group("donors"))
    PledgesController(service: service).addRoutes(to: v1.group("pledges"))
    PledgeIntentsController(service: service).addRoutes(to: v1.group("pledge-intents"))
    ContributionsController(service: service).addRoutes(to: v1.group("contributions"))
    PartnersController(service: service).addRoutes(to: v1.group("partners"))
    ProjectsController(service: service).addRoutes(to: v1.group("projects"))
    MilestonesController(service: service).addRoutes(to: v1.group("milestones"))
    DisbursementsController(service: service).addRoutes(to: v1.group("disbursements"))
    EntriesController(service: service).addRoutes(to: v1.group("entries"))
    BalancesController(service: service).addRoutes(to: v1.group("balances"))
    TokensController(service: service).addRoutes(to: v1.group("tokens"))
    SettlementsController(service: service).addRoutes(to: v1.group("settlements"))
    SettlementsController(service: service).addFundRoutes(to: v1.group("funds"))
    SettingsController(service: service).addRoutes(to: v1.group("settings"))

    // Closing the books: periods, the year-end and its fonds dédiés (entries/validate is with
    // the entries).
    PeriodsController(service: service).addRoutes(to: v1.group("periods"))
    YearEndController(service: service).addRoutes(to: v1.group("year-end"))

    // Reports, exports and imports.
    ThanksController(service: service).addRoutes(to: v1.group("funds"))
    DonorStatementController(service: service).addRoutes(to: v1.group("donors"))
    CompteRenduController(service: service).addRoutes(to: v1.group("donors"))
    QuarterlyReportController(service: service).addRoutes(to: v1.group("reports"))
    MilestoneReportController(service: service).addRoutes(to: v1.group("reports"))
    DedicatedFundsReportController(service: service).addRoutes(to: v1.group("reports"))
    FECExportController(service: service).addRoutes(to: v1.group("exports"))
    ImportsController(service: service).addRoutes(to: v1.group("imports"))

    // The staff's screens under /app: not API routes (not in openapi.yaml), no bearer token but
    // a session cookie. FundLedgerWeb is a module below this one and knows nothing of
    // APIRequestContext: it adds a group whose context (WebRequestContext) derives from ours,
    // so the dependency stays downward (FundLedgerAPI → FundLedgerWeb → Ledger, Reports).
    WebScreens(service: service, configuration: web).addRoutes(to: router)

    return router
}

/// Closes the pool's connections and threads once the server has stopped (services stop in the
/// reverse order of their start, and the server starts last).
struct PoolService: Service {
    let pool: PostgresConnectionPool

    func run() async throws {
        try? await gracefulShutdown()
        try await pool.shutdown()
    }
}
