import Postgres
import Testing
import TestSupport

/// Expects each raw SQL statement to be refused by PostgreSQL with `sqlState`.
func expectRefused(_ statements: [String], sqlState: String, on connection: PostgresConnection,
                   sourceLocation: SourceLocation = #_sourceLocation) {
    for statement in statements {
        let error = postgresError(sourceLocation: sourceLocation) { try connection.execute(script: statement) }
        #expect(error?.sqlState?.rawValue == sqlState, "\(statement) gave \(errorDetails(error))",
                sourceLocation: sourceLocation)
    }
}
