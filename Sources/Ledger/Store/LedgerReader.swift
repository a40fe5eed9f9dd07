import Postgres

/// Every read of the ledger: lists, lookups by name or id, totals and verification.
/// Reads take no actor and write nothing. Names given are cleaned as `NameInput.lookup` says
/// (an `InputError` when they cannot be), and a name that is not found is a `LedgerError`
/// (`.notFound`) suggesting the nearest existing ones.
public struct LedgerReader: Sendable {
    public let connection: PostgresConnection

    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    var queries: LedgerQueries { LedgerQueries(connection: connection) }

    // MARK: - Funds, donors, partners

    public func funds() throws -> [Fund] {
        try queries.read("SELECT * FROM funds ORDER BY code")
    }

    /// Funds in id order, a page at a time.
    public func funds(page: PageRequest) throws -> Page<Fund> {
        let rows: [Fund] = try queries.read("""
            SELECT * FROM funds WHERE id > \(page.after ?? 0) ORDER BY id LIMIT \(page.limit + 1)
            """)
        return Page(rows: rows, request: page, id: \.id)
    }

    public func fund(code: String) throws -> Fund {
        let code = try NameInput.lookup(code, field: "code")
        return try queries.readOne("SELECT * FROM fund_by_code(\(code))", lookingUp: [.fund(code)])
    }

    public func balances(fund: String? = nil) throws -> [FundBalance] {
        let fund = try NameInput.optionalLookup(fund, field: "fund")
        return try queries.read("""
            SELECT * FROM fund_balances
             WHERE \(fund)::text IS NULL OR fund_id = (SELECT id FROM fund_by_code(\(fund)))
             ORDER BY code
            """, lookingUp: [.fund(fund)])
    }

    /// Donors in French dictionary order.
    public func donors() throws -> [Donor] {
        try queries.read("SELECT * FROM donors ORDER BY name COLLATE \"fr-x-icu\", id")
    }

    /// The donor of that name, ignoring case, accents and punctuation.
    public func donor(named name: String) throws -> Donor {
        let name = try NameInput.lookup(name, field: "name")
        return try queries.readOne("SELECT * FROM donor_by_name(\(name))", lookingUp: [.donor(name)])
    }

    /// Partners in French dictionary order.
    public func partners() throws -> [Partner] {
        try queries.read("SELECT * FROM partners ORDER BY name COLLATE \"fr-x-icu\", id")
    }

    /// The partner of that name, ignoring case, accents and punctuation.
    public func partner(named name: String) throws -> Partner {
        let name = try NameInput.lookup(name, field: "name")
        return try queries.readOne("SELECT * FROM partner_by_name(\(name))", lookingUp: [.partner(name)])
    }

    // MARK: - Projects, milestones, disbursements

    /// Projects with their fund's code and partner's name, by id.
    public func projects(fund: String? = nil) throws -> [ProjectListing] {
        let fund = try NameInput.optionalLookup(fund, field: "fund")
        return try queries.read(projectListings(fund: fund, id: nil), lookingUp: [.fund(fund)])
    }

    public func project(id: Int64) throws -> ProjectListing {
        try queries.readOne(projectListings(fund: nil, id: id), orElse: "unknown project \(id)")
    }

    func projectListings(fund: String?, id: Int64?) -> PostgresQuery {
        """
        SELECT p.*, f.code AS fund_code, pa.name AS partner
          FROM projects p JOIN funds f ON f.id = p.fund_id JOIN partners pa ON pa.id = p.partner_id
         WHERE (\(fund)::text IS NULL OR p.fund_id = (SELECT id FROM fund_by_code(\(fund))))
           AND (\(id)::bigint IS NULL OR p.id = \(id))
         ORDER BY p.id
        """
    }

    /// Milestones of one project, or of one fund's projects, or all: by project, then due date.
    public func milestones(project: Int64? = nil, fund: String? = nil) throws -> [Milestone] {
        let fund = try NameInput.optionalLookup(fund, field: "fund")
        return try queries.read("""
            SELECT m.* FROM milestones m JOIN projects p ON p.id = m.project_id
             WHERE (\(project)::bigint IS NULL OR m.project_id = \(project))
               AND (\(fund)::text IS NULL OR p.fund_id = (SELECT id FROM fund_by_code(\(fund))))
             ORDER BY m.project_id, m.due_on, m.id
            """, lookingUp: [.fund(fund)])
    }

    /// Payments to partners, oldest first, with their fund's code and the reversal that
    /// corrected each (if any).
    public func disbursements(fund: String? = nil, project: Int64? = nil) throws -> [DisbursementListing] {
        let fund = try NameInput.optionalLookup(fund, field: "fund")
        return try queries.read("""
            SELECT d.*, f.code AS fund_code, r.id AS reversed_by_entry_id
              FROM disbursements d JOIN funds f ON f.id = d.fund_id
              LEFT JOIN journal_entries r ON r.reverses_entry_id = d.entry_id
             WHERE (\(fund)::text IS NULL OR d.fund_id = (SELECT id FROM fund_by_code(\(fund))))
               AND (\(project)::bigint IS NULL OR d.project_id = \(project))
             ORDER BY d.paid_on, d.id
            """, lookingUp: [.fund(fund)])
    }

    /// A fund's `limit` latest disbursements, newest first (`disbursement_fund_id`, backwards).
    public func latestDisbursements(fund: String, limit: Int) throws -> [DisbursementListing] {
        let fund = try NameInput.lookup(fund, field: "fund")
        return try queries.read("""
            SELECT d.*, f.code AS fund_code, r.id AS reversed_by_entry_id
              FROM disbursements d JOIN funds f ON f.id = d.fund_id
              LEFT JOIN journal_entries r ON r.reverses_entry_id = d.entry_id
             WHERE d.fund_id = (SELECT id FROM fund_by_code(\(fund)))
             ORDER BY d.id DESC LIMIT \(limit)
            """, lookingUp: [.fund(fund)])
    }

    // MARK: - Pledges and contributions

    public func pledges(fund: String? = nil, donor: String? = nil) throws -> [PledgeStatus] {
        let fund = try NameInput.optionalLookup(fund, field: "fund")
        let donor = try NameInput.optionalLookup(donor, field: "donor")
        return try queries.read("""
            SELECT * FROM pledge_status
             WHERE (\(fund)::text IS NULL OR fund_id = (SELECT id FROM fund_by_code(\(fund))))
               AND (\(donor)::text IS NULL OR donor_id = (SELECT id FROM donor_by_name(\(donor))))
             ORDER BY pledged_on, id
            """, lookingUp: [.fund(fund), .donor(donor)])
    }

    /// One pledge with what it received, was written off and still expects.
    public func pledge(id: Int64) throws -> PledgeStatus {
        try queries.readOne("SELECT * FROM pledge_status WHERE id = \(id)", orElse: "unknown pledge \(id)")
    }

    public func contributions(fund: String? = nil, donor: String? = nil,
                              from: CalendarDate? = nil, to: CalendarDate? = nil) throws -> [Contribution] {
        let fund = try NameInput.optionalLookup(fund, field: "fund")
        let donor = try NameInput.optionalLookup(donor, field: "donor")
        return try queries.read("""
            SELECT * FROM contribution_status
             WHERE (\(fund)::text IS NULL OR fund_id = (SELECT id FROM fund_by_code(\(fund))))
               AND (\(donor)::text IS NULL OR donor_id = (SELECT id FROM donor_by_name(\(donor))))
               AND (\(from)::date IS NULL OR received_on >= \(from))
               AND (\(to)::date IS NULL OR received_on <= \(to))
             ORDER BY received_on, id
            """, lookingUp: [.fund(fund), .donor(donor)])
    }

    /// A fund's `limit` latest contributions, newest first: a backward walk of
    /// `contribution_fund_id`, whatever the size of the fund's history (a fund's page shows them).
    public func latestContributions(fund: String, limit: Int) throws -> [Contribution] {
        let fund = try NameInput.lookup(fund, field: "fund")
        return try queries.read("""
            SELECT * FROM contribution_status
             WHERE fund_id = (SELECT id FROM fund_by_code(\(fund)))
             ORDER BY id DESC LIMIT \(limit)
            """, lookingUp: [.fund(fund)])
    }

    /// One contribution with the part applied to pledges.
    public func contribution(id: Int64) throws -> Contribution {
        try queries.readOne("SELECT * FROM contribution_status WHERE id = \(id)",
                            orElse: "unknown contribution \(id)")
    }

    // MARK: - Totals

    /// Per donor of a fund, in French order: pledged, received, outstanding, last contribution.
    public func donorTotals(fund: String, only selection: DonorSelection = .all) throws -> [DonorTotals] {
        let fund = try NameInput.lookup(fund, field: "fund")
        return try queries.read("""
            SELECT * FROM donor_fund_totals
             WHERE fund_id = (SELECT id FROM fund_by_code(\(fund)))
               AND CASE \(selection.rawValue)::text WHEN 'contributed' THEN received > 0
                                                   WHEN 'pledged' THEN pledged > 0 ELSE true END
             ORDER BY donor COLLATE "fr-x-icu", donor_id
            """, lookingUp: [.fund(fund)])
    }

    /// Donors who gave to a fund in a period (contributions not reversed), in French order or in
    /// the order of their first commitment to the fund (`ThanksOrder`).
    public func contributors(fund: String, from: CalendarDate?, to: CalendarDate?,
                             order: ThanksOrder = .alphabetical) throws -> [String] {
        try thanked(.contributors, fund: fund, from: from, to: to, order: order)
    }

    /// Donors with a pledge to a fund (not cancelled) or an intention to give, in French order or in the order of their
    /// first commitment to the fund.
    public func pledgers(fund: String, from: CalendarDate?, to: CalendarDate?,
                         order: ThanksOrder = .alphabetical) throws -> [String] {
        try thanked(.pledgers, fund: fund, from: from, to: to, order: order)
    }

    /// The collectivités a thanks paragraph names; pledgers are those that voted a pledge or
    /// announced an intention to give. A donor's first commitment is its first intention, pledge
    /// or receipt on the fund at any date (not only in the period): the newsletter lists them in
    /// the order they came forward. Ties on one day keep the order of recording (entry ids).
    private func thanked(_ thanked: Thanked, fund: String, from: CalendarDate?, to: CalendarDate?,
                         order: ThanksOrder) throws -> [String] {
        let fund = try NameInput.lookup(fund, field: "fund")
        // Per donor, a few index probes (contribution_donor_fund_first, pledge_donor_fund), never
        // the fund's whole history: the cost grows with the donors, not with the gifts.
        return try queries.strings("""
            WITH f AS (SELECT id FROM fund_by_code(\(fund))),
            bounds AS (SELECT coalesce(\(from)::date, '1900-01-01') AS first_day,
                              coalesce(\(to)::date, '2100-12-31') AS last_day),
            per_donor AS (
                SELECT d.id AS donor_id, d.name AS donor,
                       -- The first one on or after the first day, in the index's order (ORDER BY …
                       -- LIMIT 1, not EXISTS: a donor with nothing on the fund is then one probe,
                       -- never a scan of the table), is it on or before the last day?
                       CASE WHEN \(thanked.rawValue)::text = 'contributors'
                            THEN (SELECT c.received_on FROM contributions c
                                   WHERE c.donor_id = d.id AND c.fund_id = f.id AND c.received_on >= b.first_day
                                     AND NOT EXISTS (SELECT FROM journal_entries r WHERE r.reverses_entry_id = c.entry_id)
                                   ORDER BY c.received_on LIMIT 1) <= b.last_day
                            ELSE coalesce((SELECT p.pledged_on FROM pledges p
                                            WHERE p.donor_id = d.id AND p.fund_id = f.id AND p.pledged_on >= b.first_day
                                              AND NOT EXISTS (SELECT FROM journal_entries r WHERE r.reverses_entry_id = p.entry_id)
                                            ORDER BY p.pledged_on LIMIT 1) <= b.last_day, false)
                              -- An intention to give is a commitment too (its vote, if any, is the pledge above).
                              OR EXISTS (SELECT FROM pledge_intents i
                                          WHERE i.donor_id = d.id AND i.fund_id = f.id
                                            AND i.announced_on BETWEEN b.first_day AND b.last_day) END AS named
                  FROM donors d CROSS JOIN f CROSS JOIN bounds b
            )
            SELECT n.donor, earliest.on_date, earliest.entry_id FROM per_donor n CROSS JOIN f
              CROSS JOIN LATERAL (
                  SELECT on_date, entry_id FROM (
                      (SELECT c.received_on AS on_date, c.entry_id FROM contributions c
                        WHERE c.donor_id = n.donor_id AND c.fund_id = f.id
                          AND NOT EXISTS (SELECT FROM journal_entries r WHERE r.reverses_entry_id = c.entry_id)
                        ORDER BY c.received_on, c.entry_id LIMIT 1)
                      UNION ALL
                      (SELECT p.pledged_on, p.entry_id FROM pledges p
                        WHERE p.donor_id = n.donor_id AND p.fund_id = f.id
                          AND NOT EXISTS (SELECT FROM journal_entries r WHERE r.reverses_entry_id = p.entry_id)
                        ORDER BY p.pledged_on, p.entry_id LIMIT 1)
                      UNION ALL
                      (SELECT i.announced_on, NULL FROM pledge_intents i
                        WHERE i.donor_id = n.donor_id AND i.fund_id = f.id
                        ORDER BY i.announced_on LIMIT 1)) firsts
                   ORDER BY on_date, entry_id LIMIT 1) earliest
             WHERE coalesce(n.named, false)
             ORDER BY CASE WHEN \(order.rawValue)::text = 'first-commitment' THEN earliest.on_date END,
                      CASE WHEN \(order.rawValue)::text = 'first-commitment' THEN earliest.entry_id END,
                      n.donor COLLATE "fr-x-icu"
            """, column: "donor", lookingUp: [.fund(fund)])
    }

    /// How a fund's thanks are printed (`fundledger fund set-thanks`); the standard settings when
    /// communications set none.
    public func fundThanks(fund: String, thanked: Thanked) throws -> FundThanks {
        try fundThanks(fundID: try self.fund(code: fund).id, thanked: thanked)
    }

    /// The same, for a fund already looked up (the quarterly report knows its funds' ids).
    public func fundThanks(fundID: Int64, thanked: Thanked) throws -> FundThanks {
        let rows: [FundThanks] = try queries.read("""
            SELECT * FROM fund_thanks WHERE fund_id = \(fundID) AND thanked = \(thanked.rawValue)
            """)
        return rows.first ?? .standard(fundId: fundID, thanked: thanked)
    }

    // MARK: - Imports

    /// One imported file.
    public func recordedImport(id: Int64) throws -> RecordedImport {
        try queries.readOne("""
            SELECT id, file_name, lines, total, recorded_by, recorded_at::text AS recorded_at FROM imports WHERE id = \(id)
            """, orElse: "unknown import \(id)")
    }

    // MARK: - Verification

    /// Whether the database answers (a round trip), for the service's readiness.
    public func ping() throws {
        _ = try queries.strings("SELECT 'ok' AS answer", column: "answer")
    }

    /// Every difference between cached figures and postings, and every broken rule; empty when sound.
    public func verify() throws -> [VerificationProblem] {
        try queries.read("SELECT problem, subject, expected::text AS expected, actual::text AS actual FROM verify_ledger()")
    }

    /// How many entries, accounts, funds, donors, partners, projects and milestones the ledger holds.
    public func counts() throws -> LedgerCounts {
        try queries.readOne("""
            SELECT (SELECT count(*) FROM journal_entries) AS entries, (SELECT count(*) FROM accounts) AS accounts,
                   (SELECT count(*) FROM funds) AS funds,
                   (SELECT count(*) FROM funds WHERE status <> 'open') AS funds_not_open,
                   (SELECT count(*) FROM donors) AS donors, (SELECT count(*) FROM partners) AS partners,
                   (SELECT count(*) FROM projects) AS projects, (SELECT count(*) FROM milestones) AS milestones,
                   (SELECT count(*) FROM milestones WHERE achieved_on IS NOT NULL) AS milestones_achieved
            """)
    }

}
