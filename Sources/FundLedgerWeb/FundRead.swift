import Ledger

/// Reading a fund's page by the code in its address: one rule for every screen under
/// `/app/fonds/{code}` — a code that names no fund, unknown or not even a possible code (too
/// long, control characters), is the French 404 page, never an internal error.
extension LedgerService {
    /// `body`'s result; nil when `body` finds no such fund (`LedgerError.notFound`) or the code is
    /// not one (`InputError`).
    func readFund<T: Sendable>(_ body: @escaping @Sendable (LedgerReader) throws -> T) async throws -> T? {
        do {
            return try await read(body)
        } catch let error as LedgerError where error.kind == .notFound {
            return nil
        } catch is InputError {
            return nil
        }
    }
}

extension WebPage {
    /// The page of an address whose fund code names no fund.
    static var noSuchFund: WebPage { notFound("Aucun fonds n’a ce code.") }
}
