import Postgres

/// The lists of the HTTP service, a page at a time in id order (`PageRequest`), each with the
/// filters of its CLI listing, and the lookups by id its routes need. The CLI's listings (whole,
/// in the order people read) are unchanged.
///
/// Every page reads `WHERE id > after ORDER BY id LIMIT limit + 1`: the primary key serves the
/// order, and the filters use the `(filter, id)` indexes of migration 0010.
extension LedgerReader {
    // MARK: - Donors and partners

    public func donors(page: PageRequest) throws -> Page<Donor> {
        let rows: [Donor] = try queries.read("""
            SELECT * FROM donors WHERE id > \(page.after ?? 0) ORDER BY id LIMIT \(page.limit + 1)
            """)
        return Page(rows: rows, request: page, id: \.id)
    }

    public func donor(id: Int64) throws -> Donor {
        try queries.readOne("SELECT * FROM donors WHERE id = \(id)", orElse: "unknown donor \(id)")
    }

    public func partners(page: PageRequest) throws -> Page<Partner> {
        let rows: [Partner] = try queries.read("""
            SELECT * FROM partners WHERE id > \(page.after ?? 0) ORDER BY id LIMIT \(page.limit + 1)
            """)
        return Page(rows: rows, request: page, id: \.id)
    }

    public func partner(id: Int64) throws -> Partner {
        try queries.readOne("SELECT * FROM partners WHERE id = \(id)", orElse: "unknown partner \(id)")
    }

    // MARK: - Projects, milestones, disbursements

    public func projects(fund: String?, page: PageRequest) throws -> Page<ProjectListing> {
        let fund = try NameInput.optionalLookup(fund, field: "fund")
        let rows: [ProjectListing] = try queries.read("""
            SELECT p.*, f.code AS fund_code, pa.name AS partner
              FROM projects p JOIN funds f ON f.id = p.fund_id JOIN partners pa ON pa.id = p.partner_id
             WHERE (\(fund)::text IS NULL OR p.fund_id = (SELECT id FROM fund_by_code(\(fund))))
               AND p.id > \(page.after ?? 0)
             ORDER BY p.id LIMIT \(page.limit + 1)
            """, lookingUp: [.fund(fund)])
        return Page(rows: rows, request: page, id: \.id)
    }

    public func milestones(project: Int64?, fund: String?, page: PageRequest) throws -> Page<Milestone> {
        let fund = try NameInput.optionalLookup(fund, field: "fund")
        let rows: [Milestone] = try queries.read("""
            SELECT m.* FROM milestones m JOIN projects p ON p.id = m.project_id
             WHERE (\(project)::bigint IS NULL OR m.project_id = \(project))
               AND (\(fund)::text IS NULL OR p.fund_id = (SELECT id FROM fund_by_code(\(fund))))
               AND m.id > \(page.after ?? 0)
             ORDER BY m.id LIMIT \(page.limit + 1)
            """, lookingUp: [.fund(fund)])
        return Page(rows: rows, request: page, id: \.id)
    }

    public func milestone(id: Int64) throws -> Milestone {
        try queries.readOne("SELECT * FROM milestones WHERE id = \(id)", orElse: "unknown milestone \(id)")
    }

    public func disbursements(fund: String?, project: Int64?, page: PageRequest) throws -> Page<DisbursementListing> {
        let fund = try NameInput.optionalLookup(fund, field: "fund")
        let rows: [DisbursementListing] = try queries.read(
            disbursementListings(fund: fund, project: project, id: nil, after: page.after ?? 0, limit: page.limit + 1),
            lookingUp: [.fund(fund)])
        return Page(rows: rows, request: page, id: \.id)
    }

    public func disbursement(id: Int64) throws -> DisbursementListing {
        try queries.readOne(disbursementListings(fund: nil, project: nil, id: id, after: 0, limit: 1),
                            orElse: "unknown disbursement \(id)")
    }

    private func disbursementListings(fund: String?, project: Int64?, id: Int64?, after: Int64, limit: Int) -> PostgresQuery {
        """
        SELECT d.*, f.code AS fund_code, r.id AS reversed_by_entry_id
          FROM disbursements d JOIN funds f ON f.id = d.fund_id
          LEFT JOIN journal_entries r ON r.reverses_entry_id = d.entry_id
         WHERE (\(fund)::text IS NULL OR d.fund_id = (SELECT id FROM fund_by_code(\(fund))))
           AND (\(project)::bigint IS NULL OR d.project_id = \(project))
           AND (\(id)::bigint IS NULL OR d.id = \(id))
           AND d.id > \(after)
         ORDER BY d.id LIMIT \(limit)
        """
    }

    // MARK: - Pledges and contributions

    public func pledges(fund: String?, donor: String?, page: PageRequest) throws -> Page<PledgeStatus> {
        let fund = try NameInput.optionalLookup(fund, field: "fund")
        let donor = try NameInput.optionalLookup(donor, field: "donor")
        let rows: [PledgeStatus] = try queries.read("""
            SELECT * FROM pledge_status
             WHERE (\(fund)::text IS NULL OR fund_id = (SELECT id FROM fund_by_code(\(fund))))
               AND (\(donor)::text IS NULL OR donor_id = (SELECT id FROM donor_by_name(\(donor))))
               AND id > \(page.after ?? 0)
             ORDER BY id LIMIT \(page.limit + 1)
            """, lookingUp: [.fund(fund), .donor(donor)])
        return Page(rows: rows, request: page, id: \.id)
    }

    public func contributions(fund: String?, donor: String?, from: CalendarDate?, to: CalendarDate?,
                              page: PageRequest) throws -> Page<Contribution> {
        let fund = try NameInput.optionalLookup(fund, field: "fund")
        let donor = try NameInput.optionalLookup(donor, field: "donor")
        let rows: [Contribution] = try queries.read("""
            SELECT * FROM contribution_status
             WHERE (\(fund)::text IS NULL OR fund_id = (SELECT id FROM fund_by_code(\(fund))))
               AND (\(donor)::text IS NULL OR donor_id = (SELECT id FROM donor_by_name(\(donor))))
               AND (\(from)::date IS NULL OR received_on >= \(from))
               AND (\(to)::date IS NULL OR received_on <= \(to))
               AND id > \(page.after ?? 0)
             ORDER BY id LIMIT \(page.limit + 1)
            """, lookingUp: [.fund(fund), .donor(donor)])
        return Page(rows: rows, request: page, id: \.id)
    }

    // MARK: - Entries

    /// One journal entry with its fund's code, the entry that reversed it (if any) and its
    /// postings, each with its account.
    public func entry(id: Int64) throws -> EntryDetail {
        var entry: EntryDetail = try queries.readOne("""
            SELECT e.*, f.code AS fund_code, r.id AS reversed_by_entry_id
              FROM journal_entries e JOIN funds f ON f.id = e.fund_id
              LEFT JOIN journal_entries r ON r.reverses_entry_id = e.id
             WHERE e.id = \(id)
            """, orElse: "unknown journal entry \(id)")
        entry.postings = try queries.read("""
            SELECT p.id, a.number AS account, c.label AS account_label, a.donor_id, a.project_id,
                   p.amount, p.pledge_id, p.milestone_id
              FROM postings p JOIN accounts a ON a.id = p.account_id
              JOIN chart_of_accounts c ON c.number = a.number
             WHERE p.entry_id = \(id)
             ORDER BY p.id
            """)
        return entry
    }
}
