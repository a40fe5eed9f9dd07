import Postgres

// Settling a fund before it closes (sql/functions/reallocate_fund.sql, refund_fund.sql).
extension LedgerStore {
    /// Gives `amount` (nil: all it holds) of fund `from` to fund `to`'s purpose, with the donors'
    /// agreement `reference` of `agreedOn`, dated `on`.
    public func reallocateFund(from: String, to: String, amount: Money?, on date: CalendarDate,
                               reference: String, agreedOn: CalendarDate,
                               idempotencyKey: String? = nil) throws -> FundSettlement {
        let from = try NameInput.lookup(from, field: "fund")
        let to = try NameInput.lookup(to, field: "to")
        let reference = try NameInput.reference(reference, field: "reference")
        let key = try NameInput.idempotencyKey(idempotencyKey)
        let settled: WrittenID = try write("""
            SELECT id FROM reallocate_fund(\(from), \(to), \(amount?.cents), \(date), \(reference), \(agreedOn), \(actor), \(key))
            """, lookingUp: .fund(from), .fund(to))
        return try reader.settlement(id: settled.id)
    }

    /// Gives `amount` (nil: all it holds) of the fund back to its donors, pro rata of what each
    /// gave it, on the decision `reference` of `agreedOn`, dated `on`. The shares add up to the
    /// amount to the cent.
    public func refundFund(_ fund: String, amount: Money?, on date: CalendarDate,
                           reference: String, agreedOn: CalendarDate,
                           idempotencyKey: String? = nil) throws -> FundSettlement {
        let fund = try NameInput.lookup(fund, field: "fund")
        let reference = try NameInput.reference(reference, field: "reference")
        let key = try NameInput.idempotencyKey(idempotencyKey)
        let settled: WrittenID = try write("""
            SELECT id FROM refund_fund(\(fund), \(amount?.cents), \(date), \(reference), \(agreedOn), \(actor), \(key))
            """, lookingUp: .fund(fund))
        return try reader.settlement(id: settled.id)
    }

}

extension LedgerReader {
    /// One settlement, with a refund's shares per donor.
    public func settlement(id: Int64) throws -> FundSettlement {
        let settlement: FundSettlement = try queries.readOne(
            PostgresQuery(sql: FundSettlement.listing + " WHERE s.id = $1", binds: [id]),
            orElse: "règlement de fonds n° \(id) introuvable")
        return try withShares([settlement])[0]
    }

    /// The settlements of a fund (given up or received) or of all, in date order.
    public func settlements(fund: String? = nil) throws -> [FundSettlement] {
        let fund = try NameInput.optionalLookup(fund, field: "fund")
        return try withShares(try queries.read(PostgresQuery(
            sql: FundSettlement.listing + """
                 WHERE $1::text IS NULL OR (SELECT id FROM fund_by_code($1)) IN (s.fund_id, s.target_fund_id)
                 ORDER BY s.settled_on, s.id
                """, binds: [fund]), lookingUp: [.fund(fund)]))
    }

    /// The settlements with their refunds' shares, read in one query for all the refunds: per
    /// donor, what it gave the fund up to the refund and what it got back.
    func withShares(_ settlements: [FundSettlement]) throws -> [FundSettlement] {
        let refunds = settlements.filter { $0.kind == .refund }.map(\.outEntryID)
        guard !refunds.isEmpty else { return settlements }
        let rows = try queries.translatingErrors(lookingUp: []) {
            try connection.query(PostgresQuery(sql: """
                SELECT e.id AS entry_id, d.name, p.amount AS refunded,
                       (SELECT coalesce(sum(c.amount), 0) FROM contribution_status c
                         WHERE c.fund_id = e.fund_id AND c.donor_id = a.donor_id AND c.reversed_by_entry_id IS NULL
                           AND c.received_on <= e.value_date)::bigint AS gave
                  FROM journal_entries e
                  JOIN postings p ON p.entry_id = e.id
                  JOIN accounts a ON a.id = p.account_id AND a.number = '658200'
                  JOIN donors d ON d.id = a.donor_id
                 WHERE e.id = ANY($1::bigint[])
                 ORDER BY e.id, d.name COLLATE "fr-x-icu", d.id
                """, binds: [refunds]))
        }
        var shares: [Int64: [FundSettlement.Share]] = [:]
        for row in rows {
            shares[try row.decode("entry_id"), default: []].append(
                FundSettlement.Share(donor: try row.decode("name"), gave: try row.money("gave"),
                                     refunded: try row.money("refunded")))
        }
        return settlements.map { settlement in
            var settlement = settlement
            if settlement.kind == .refund { settlement.shares = shares[settlement.outEntryID] ?? [] }
            return settlement
        }
    }
}
