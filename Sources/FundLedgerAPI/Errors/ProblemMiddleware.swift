import Hummingbird
import Logging

/// Turns every error a route throws into `application/problem+json`, and logs it: refusals
/// (4xx) at info with their type, failures (5xx) at error with everything known
/// (`String(reflecting:)`, for the log only). Counts refusals by type for /metrics.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let problem = Problem(error)
            if problem.status.code >= 500 {
                context.logger.error("request failed", metadata: [
                    "problem": .string(problem.slug), "error": .string(String(reflecting: error)),
                ])
            } else {
                context.logger.info("request refused", metadata: [
                    "problem": .string(problem.slug), "status": .stringConvertible(problem.status.code),
                ])
            }
            APIMetrics.refusal(problem)
            throw problem
        }
    }
}
