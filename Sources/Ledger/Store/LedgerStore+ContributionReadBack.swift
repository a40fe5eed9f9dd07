import Postgres

extension LedgerStore {
    /// `recordContribution`, reading the contribution back in a second statement of the same
    /// transaction. (`recordContribution` joins `contribution_status` in the statement that calls
    /// `record_contribution()`; that statement's snapshot predates the row the function inserts,
    /// so it finds no row and throws "expected exactly one row, got 0" after the money was
    /// recorded.) Unknown donors and funds are refused first, with suggestions.
    public func recordContributionReadingBack(donor: String, fund: String, amount: Money, on date: CalendarDate,
                                              pledge: PledgeChoice = .automatic, reference: String? = nil,
                                              idempotencyKey: String? = nil) throws -> Contribution {
        _ = try self.donor(named: donor)
        _ = try self.fund(code: fund)
        let pledgeID: Int64? = if case .pledge(let id) = pledge { id } else { nil }
        let applies = pledge != .none
        do {
            return try connection.transaction { connection in
                let id: Int64 = try connection.query("""
                    SELECT id FROM record_contribution(\(donor), \(fund), \(amount.cents), \(date), \(pledgeID), \(applies),
                                                       \(reference), \(actor), \(idempotencyKey))
                    """).single().decode("id")
                return try Contribution(row: connection.query("SELECT * FROM contribution_status WHERE id = \(id)").single())
            }
        } catch let error as PostgresError {
            throw LedgerError(error)
        }
    }
}
