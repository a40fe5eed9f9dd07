import Ledger
import Postgres
import Testing
import TestSupport

/// What a refusal says to whoever made the request, and what only logs may see.
@Suite("Ledger errors: public and debug text")
struct LedgerErrorTextTests {
    /// FL409's DETAIL holds the first request's values (another person's, possibly): never in
    /// `description`, always in `debugDescription`.
    @Test func anIdempotencyConflictNeverShowsTheFirstRequest() throws {
        try TestDatabase.with { database in
            let store = try Fixture(try database.store()).store
            _ = try store.recordContribution(donor: "Bondy", fund: "GAZA", amount: Money(cents: 12_345),
                                             on: Fixture.day, reference: "VIR-FIRST-REQUEST", idempotencyKey: "bank-9")
            let conflict = ledgerError {
                _ = try store.recordContribution(donor: "Bondy", fund: "GAZA", amount: Money(cents: 99_999),
                                                 on: Fixture.day, reference: "VIR-OTHER", idempotencyKey: "bank-9")
            }
            let error = try #require(conflict)
            #expect(error.kind == .idempotencyConflict)
            #expect(error.code == .idempotencyKeyReused)
            #expect(error.sqlState == "FL409")
            for secret in ["VIR-FIRST-REQUEST", "12345", "first used by"] {
                #expect(!error.description.contains(secret), "description: \(error.description)")
                #expect(!String(describing: error).contains(secret))
                #expect(!error.message.contains(secret))
            }
            #expect(error.description.contains("bank-9"))
            #expect(error.detail?.contains("VIR-FIRST-REQUEST") == true, "\(String(reflecting: error))")
            #expect(String(reflecting: error).contains("VIR-FIRST-REQUEST"))
            #expect(String(reflecting: error).contains("FL409"))
        }
    }

    @Test func everyCodeHasItsKind() {
        let error = PostgresError(kind: .server, sqlState: SQLState("FL011"), message: "fund X is closed")
        #expect(LedgerError(error).code == .fundNotOpen)
        #expect(LedgerError(error).kind == .fundNotOpen)
        let unique = PostgresError(kind: .server, sqlState: .uniqueViolation, message: "dup", detail: "Key (x)=(secret)")
        #expect(LedgerError(unique).kind == .duplicate)
        #expect(LedgerError(unique).code == nil)
        #expect(!LedgerError(unique).description.contains("secret"))
        let unknown = PostgresError(kind: .server, sqlState: SQLState("XX000"), message: "boom", detail: "row (secret)")
        #expect(LedgerError(unknown).kind == .database)
        #expect(!LedgerError(unknown).description.contains("secret"))
        #expect(String(reflecting: LedgerError(unknown)).contains("secret"))
    }

    @Test func exitCodesAreSysexitsAndDistinctFromSuccessAndUsage() {
        for kind in LedgerError.Kind.allCases {
            #expect((65...78).contains(kind.exitCode), "\(kind)")
        }
        #expect(LedgerError.Kind.invalidInput.exitCode == 65)
        #expect(LedgerError.Kind.notFound.exitCode == 66)
        #expect(LedgerError.Kind.duplicate.exitCode == 73)
        #expect(LedgerError.Kind.insufficientFunds.exitCode == 75)
    }
}
