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
        let settled: SettlementID = try write("""
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
        let settled: SettlementID = try write("""
            SELECT id FROM refund_fund(\(fund), \(amount?.cents), \(date), \(reference), \(agreedOn), \(actor), \(key))
            """, lookingUp: .fund(fund))
        return try reader.settlement(id: settled.id)
    }

    private struct SettlementID: RowDecodable {
        var id: Int64
        init(row: PostgresRow) throws { id = try row.decode("id") }
    }
}

extension LedgerReader {
    /// One settlement, with a refund's shares per donor.
    public func settlement(id: Int64) throws -> FundSettlement {
        var settlement: FundSettlement = try queries.readOne(
            PostgresQuery(sql: FundSettlement.listing + " WHERE s.id = $1", binds: [id]),
            orElse: "règlement de fonds n° \(id) introuvable")
        if settlement.kind == .refund {
            settlement.shares = try refundShares(entry: settlement.outEntryID)
        }
        return settlement
    }

    /// The settlements of a fund (given up or received) or of all, in date order.
    public func settlements(fund: String? = nil) throws -> [FundSettlement] {
        let fund = try NameInput.optionalLookup(fund, field: "fund")
        var settlements: [FundSettlement] = try queries.read(PostgresQuery(
            sql: FundSettlement.listing + """
                 WHERE $1::text IS NULL OR (SELECT id FROM fund_by_code($1)) IN (s.fund_id, s.target_fund_id)
                 ORDER BY s.settled_on, s.id
                """, binds: [fund]), lookingUp: [.fund(fund)])
        for index in settlements.indices where settlements[index].kind == .refund {
            settlements[index].shares = try refundShares(entry: settlements[index].outEntryID)
        }
        return settlements
    }

    /// A refund entry's shares: per donor, what it gave the fund up to the refund and what it got back.
    func refundShares(entry: Int64) throws -> [FundSettlement.Share] {
        try queries.translatingErrors(lookingUp: []) {
            try connection.query("""
                SELECT d.name, p.amount AS refunded,
                       (SELECT coalesce(sum(c.amount), 0) FROM contribution_status c
                         WHERE c.fund_id = e.fund_id AND c.donor_id = a.donor_id AND c.reversed_by_entry_id IS NULL
                           AND c.received_on <= e.value_date)::bigint AS gave
                  FROM journal_entries e
                  JOIN postings p ON p.entry_id = e.id
                  JOIN accounts a ON a.id = p.account_id AND a.number = '658200'
                  JOIN donors d ON d.id = a.donor_id
                 WHERE e.id = \(entry)
                 ORDER BY d.name COLLATE "fr-x-icu", d.id
                """).map { row in
                FundSettlement.Share(donor: try row.decode("name"), gave: try row.money("gave"),
                                     refunded: try row.money("refunded"))
            }
        }
    }
}
