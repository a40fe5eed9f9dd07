import Postgres

// Pledges in two stages: an intention (no entry), then the vote (sql/functions/
// record_pledge_intent.sql, confirm_pledge_intent.sql).
extension LedgerStore {
    /// Keeps a collectivité's intention to give: thanked, shown as an intention, never posted.
    public func recordPledgeIntent(donor: String, fund: String, amount: Money, on date: CalendarDate,
                                   note: String? = nil, idempotencyKey: String? = nil) throws -> PledgeIntent {
        let donor = try NameInput.lookup(donor, field: "donor")
        let fund = try NameInput.lookup(fund, field: "fund")
        let note = try NameInput.reference(note, field: "note")
        let key = try NameInput.idempotencyKey(idempotencyKey)
        let intent: WrittenID = try write("""
            SELECT id FROM record_pledge_intent(\(donor), \(fund), \(amount.cents), \(date), \(note), \(actor), \(key))
            """, lookingUp: .donor(donor), .fund(fund))
        return try reader.pledgeIntent(id: intent.id)
    }

    /// The vote: the délibération (required) and its date make the intention a pledge, posted
    /// 4417/74; `amount` when the council voted another amount than announced.
    public func confirmPledgeIntent(_ intent: Int64, deliberation: String, on date: CalendarDate,
                                    amount: Money? = nil, idempotencyKey: String? = nil) throws -> Pledge {
        let deliberation = try NameInput.reference(deliberation, field: "deliberation")
        let key = try NameInput.idempotencyKey(idempotencyKey)
        return try write("""
            SELECT * FROM confirm_pledge_intent(\(intent), \(deliberation), \(date), \(amount?.cents), \(actor), \(key))
            """)
    }

}

extension LedgerReader {
    /// Intentions, a fund's or all, in the order they were announced.
    public func pledgeIntents(fund: String? = nil) throws -> [PledgeIntent] {
        let fund = try NameInput.optionalLookup(fund, field: "fund")
        return try queries.read(PostgresQuery(
            sql: PledgeIntent.listing + " WHERE $1::text IS NULL OR i.fund_id = (SELECT id FROM fund_by_code($1)) ORDER BY i.announced_on, i.id",
            binds: [fund]), lookingUp: [.fund(fund)])
    }

    /// Intentions a page at a time in id order (the HTTP service's lists): a fund's, a donor's,
    /// those waiting for their vote (`voted` false) or voted (true), or all.
    public func pledgeIntents(fund: String?, donor: String?, voted: Bool? = nil, page: PageRequest) throws -> Page<PledgeIntent> {
        let fund = try NameInput.optionalLookup(fund, field: "fund")
        let donor = try NameInput.optionalLookup(donor, field: "donor")
        let rows: [PledgeIntent] = try queries.read(PostgresQuery(sql: PledgeIntent.listing + """
             WHERE ($1::text IS NULL OR i.fund_id = (SELECT id FROM fund_by_code($1)))
               AND ($2::text IS NULL OR i.donor_id = (SELECT id FROM donor_by_name($2)))
               AND ($3::boolean IS NULL OR (i.pledge_id IS NOT NULL) = $3)
               AND i.id > $4
             ORDER BY i.id LIMIT $5
            """, binds: [fund, donor, voted, page.after ?? 0, page.limit + 1]), lookingUp: [.fund(fund), .donor(donor)])
        return Page(rows: rows, request: page, id: \.id)
    }

    public func pledgeIntent(id: Int64) throws -> PledgeIntent {
        try queries.readOne(PostgresQuery(sql: PledgeIntent.listing + " WHERE i.id = $1", binds: [id]),
                            orElse: "intention n° \(id) introuvable")
    }
}
