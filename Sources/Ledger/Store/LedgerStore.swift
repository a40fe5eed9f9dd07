import Postgres

/// The only writer of money: one method per business event, each one SQL function call,
/// hence one round trip and one transaction (retried on serialization failure or deadlock).
///
/// Every write takes an optional idempotency key: the same key with the same request returns
/// what the first call recorded and writes nothing; with another request it is refused.
/// Refusals are `LedgerError`s and leave the database unchanged.
public struct LedgerStore {
    public let connection: PostgresConnection
    /// Who writes, recorded on every journal entry (e.g. `cli:alice@host`).
    public var actor: String

    public init(connection: PostgresConnection, actor: String) {
        self.connection = connection
        self.actor = actor
    }

    // MARK: - Funds, donors, partners, projects, milestones

    public func openFund(code: String, name: String, audience: String?, openedOn: CalendarDate,
                         idempotencyKey: String? = nil) throws -> Fund {
        try write("""
            SELECT * FROM open_fund(\(code), \(name), \(audience), \(openedOn), \(actor), \(idempotencyKey))
            """)
    }

    public func setFundStatus(code: String, status: Fund.Status, on date: CalendarDate,
                              idempotencyKey: String? = nil) throws -> Fund {
        try write("""
            SELECT * FROM set_fund_status(\(code), \(status.rawValue), \(date), \(actor), \(idempotencyKey))
            """, lookingUp: .fund(code))
    }

    public func addDonor(name: String, kind: Donor.Kind = .commune, siren: String? = nil,
                         idempotencyKey: String? = nil) throws -> Donor {
        try write("""
            SELECT * FROM add_donor(\(name), \(kind.rawValue), \(siren), \(actor), \(idempotencyKey))
            """)
    }

    public func addPartner(name: String, country: String? = nil, idempotencyKey: String? = nil) throws -> Partner {
        try write("SELECT * FROM add_partner(\(name), \(country), \(actor), \(idempotencyKey))")
    }

    public func addProject(fund: String, partner: String, title: String, budget: Money? = nil,
                           idempotencyKey: String? = nil) throws -> Project {
        try write("""
            SELECT * FROM add_project(\(fund), \(partner), \(title), \(budget?.cents), \(actor), \(idempotencyKey))
            """, lookingUp: .fund(fund), .partner(partner))
    }

    public func addMilestone(project: Int64, title: String, dueOn: CalendarDate, tranche: Money? = nil,
                             idempotencyKey: String? = nil) throws -> Milestone {
        try write("""
            SELECT * FROM add_milestone(\(project), \(title), \(dueOn), \(tranche?.cents), \(actor), \(idempotencyKey))
            """)
    }

    public func achieveMilestone(_ milestone: Int64, on date: CalendarDate,
                                 idempotencyKey: String? = nil) throws -> Milestone {
        try write("SELECT * FROM achieve_milestone(\(milestone), \(date), \(actor), \(idempotencyKey))")
    }

    // MARK: - Money events

    public func recordPledge(donor: String, fund: String, amount: Money, on date: CalendarDate,
                             reference: String? = nil, idempotencyKey: String? = nil) throws -> Pledge {
        try write("""
            SELECT * FROM record_pledge(\(donor), \(fund), \(amount.cents), \(date), \(reference), \(actor), \(idempotencyKey))
            """, lookingUp: .donor(donor), .fund(fund))
    }

    /// Records money received; returns it with the part applied to pledges.
    public func recordContribution(donor: String, fund: String, amount: Money, on date: CalendarDate,
                                   pledge: PledgeChoice = .automatic, reference: String? = nil,
                                   idempotencyKey: String? = nil) throws -> Contribution {
        let pledgeID: Int64? = if case .pledge(let id) = pledge { id } else { nil }
        let applies = pledge != .none
        let recorded: ContributionRecord = try write("""
            SELECT id FROM record_contribution(\(donor), \(fund), \(amount.cents), \(date), \(pledgeID), \(applies),
                                               \(reference), \(actor), \(idempotencyKey))
            """, lookingUp: .donor(donor), .fund(fund))
        // A second statement: the function's rows are not visible to the statement that called it.
        return try readOne("SELECT * FROM contribution_status WHERE id = \(recorded.id)")
    }

    private struct ContributionRecord: RowDecodable {
        let id: Int64
        init(row: PostgresRow) throws { id = try row.decode("id") }
    }

    /// Gives up what a pledge still expects; returns the write-off entry.
    public func writeOffPledge(_ pledge: Int64, reason: String?, on date: CalendarDate,
                               idempotencyKey: String? = nil) throws -> JournalEntry {
        try write("SELECT * FROM write_off_pledge(\(pledge), \(reason), \(date), \(actor), \(idempotencyKey))")
    }

    /// Cancels a pledge that has received nothing, by reversing its entry.
    public func cancelPledge(_ pledge: Int64, reason: String?, on date: CalendarDate,
                             idempotencyKey: String? = nil) throws -> JournalEntry {
        try write("SELECT * FROM cancel_pledge(\(pledge), \(reason), \(date), \(actor), \(idempotencyKey))")
    }

    public func recordDisbursement(project: Int64, milestone: Int64? = nil, amount: Money, on date: CalendarDate,
                                   reference: String? = nil, idempotencyKey: String? = nil) throws -> Disbursement {
        try write("""
            SELECT * FROM record_disbursement(\(project), \(milestone), \(amount.cents), \(date), \(reference),
                                              \(actor), \(idempotencyKey))
            """)
    }

    /// Records the exact opposite of an entry, linked to it; both stay in the journal.
    public func reverseEntry(_ entry: Int64, reason: String, on date: CalendarDate,
                             idempotencyKey: String? = nil) throws -> JournalEntry {
        try write("SELECT * FROM reverse_entry(\(entry), \(reason), \(date), \(actor), \(idempotencyKey))")
    }

    // MARK: - Reads

    public func funds() throws -> [Fund] {
        try read("SELECT * FROM funds ORDER BY code")
    }

    public func fund(code: String) throws -> Fund {
        try readOne("SELECT * FROM fund_by_code(\(code))", lookingUp: .fund(code))
    }

    public func balances(fund: String? = nil) throws -> [FundBalance] {
        try read("""
            SELECT * FROM fund_balances
             WHERE \(fund)::text IS NULL OR fund_id = (SELECT id FROM fund_by_code(\(fund)))
             ORDER BY code
            """, lookingUp: .fund(fund))
    }

    /// Donors in French dictionary order.
    public func donors() throws -> [Donor] {
        try read("SELECT * FROM donors ORDER BY name COLLATE \"fr-x-icu\", id")
    }

    public func donor(named name: String) throws -> Donor {
        try readOne("SELECT * FROM donor_by_name(\(name))", lookingUp: .donor(name))
    }

    public func partners() throws -> [Partner] {
        try read("SELECT * FROM partners ORDER BY name COLLATE \"fr-x-icu\", id")
    }

    public func projects(fund: String? = nil) throws -> [Project] {
        try read("""
            SELECT * FROM projects
             WHERE \(fund)::text IS NULL OR fund_id = (SELECT id FROM fund_by_code(\(fund)))
             ORDER BY id
            """, lookingUp: .fund(fund))
    }

    public func milestones(project: Int64? = nil) throws -> [Milestone] {
        try read("""
            SELECT * FROM milestones WHERE \(project)::bigint IS NULL OR project_id = \(project)
             ORDER BY project_id, due_on, id
            """)
    }

    public func pledges(fund: String? = nil, donor: String? = nil) throws -> [PledgeStatus] {
        try read("""
            SELECT * FROM pledge_status
             WHERE (\(fund)::text IS NULL OR fund_id = (SELECT id FROM fund_by_code(\(fund))))
               AND (\(donor)::text IS NULL OR donor_id = (SELECT id FROM donor_by_name(\(donor))))
             ORDER BY pledged_on, id
            """, lookingUp: .fund(fund), .donor(donor))
    }

    public func contributions(fund: String? = nil, donor: String? = nil,
                              from: CalendarDate? = nil, to: CalendarDate? = nil) throws -> [Contribution] {
        try read("""
            SELECT * FROM contribution_status
             WHERE (\(fund)::text IS NULL OR fund_id = (SELECT id FROM fund_by_code(\(fund))))
               AND (\(donor)::text IS NULL OR donor_id = (SELECT id FROM donor_by_name(\(donor))))
               AND (\(from)::date IS NULL OR received_on >= \(from))
               AND (\(to)::date IS NULL OR received_on <= \(to))
             ORDER BY received_on, id
            """, lookingUp: .fund(fund), .donor(donor))
    }

    /// Payments to partners, oldest first, with the reversal that corrected each (if any).
    public func disbursements(fund: String? = nil, project: Int64? = nil) throws -> [Disbursement] {
        try read("""
            SELECT d.*, r.id AS reversed_by_entry_id
              FROM disbursements d LEFT JOIN journal_entries r ON r.reverses_entry_id = d.entry_id
             WHERE (\(fund)::text IS NULL OR d.fund_id = (SELECT id FROM fund_by_code(\(fund))))
               AND (\(project)::bigint IS NULL OR d.project_id = \(project))
             ORDER BY d.paid_on, d.id
            """, lookingUp: .fund(fund))
    }

    /// Per donor of a fund, in French order: pledged, received, outstanding, last contribution.
    public func donorTotals(fund: String) throws -> [DonorTotals] {
        try read("""
            SELECT * FROM donor_fund_totals WHERE fund_id = (SELECT id FROM fund_by_code(\(fund)))
             ORDER BY donor COLLATE "fr-x-icu", donor_id
            """, lookingUp: .fund(fund))
    }

    /// Donors who gave to a fund in a period (contributions not reversed), in French order.
    public func contributors(fund: String, from: CalendarDate?, to: CalendarDate?) throws -> [String] {
        try translatingErrors(lookingUp: [.fund(fund)]) {
            try connection.query("""
                SELECT DISTINCT donor COLLATE "fr-x-icu" AS donor FROM contribution_status
                 WHERE fund_id = (SELECT id FROM fund_by_code(\(fund))) AND reversed_by_entry_id IS NULL
                   AND (\(from)::date IS NULL OR received_on >= \(from))
                   AND (\(to)::date IS NULL OR received_on <= \(to))
                 ORDER BY 1
                """).map { try $0.decode("donor", as: String.self) }
        }
    }

    /// Donors with a pledge to a fund (not cancelled), in French order.
    public func pledgers(fund: String, from: CalendarDate?, to: CalendarDate?) throws -> [String] {
        try translatingErrors(lookingUp: [.fund(fund)]) {
            try connection.query("""
                SELECT DISTINCT donor COLLATE "fr-x-icu" AS donor FROM pledge_status
                 WHERE fund_id = (SELECT id FROM fund_by_code(\(fund))) AND status <> 'cancelled'
                   AND (\(from)::date IS NULL OR pledged_on >= \(from))
                   AND (\(to)::date IS NULL OR pledged_on <= \(to))
                 ORDER BY 1
                """).map { try $0.decode("donor", as: String.self) }
        }
    }

    /// Every difference between cached figures and postings, and every broken rule; empty when sound.
    public func verify() throws -> [VerificationProblem] {
        try read("SELECT problem, subject, expected::text AS expected, actual::text AS actual FROM verify_ledger()")
    }

    // MARK: - Plumbing

    /// A name the statement looks up, so that "not found" can suggest the nearest existing ones.
    enum Lookup {
        case fund(String?), donor(String?), partner(String?)
    }

    private func write<T: RowDecodable>(_ query: PostgresQuery, lookingUp lookups: Lookup...) throws -> T {
        try translatingErrors(lookingUp: lookups) {
            try T(row: connection.retrying { try $0.query(query) }.single())
        }
    }

    private func read<T: RowDecodable>(_ query: PostgresQuery, lookingUp lookups: Lookup...) throws -> [T] {
        try translatingErrors(lookingUp: lookups) {
            try connection.query(query).map(T.init(row:))
        }
    }

    private func readOne<T: RowDecodable>(_ query: PostgresQuery, lookingUp lookups: Lookup...) throws -> T {
        try translatingErrors(lookingUp: lookups) {
            try T(row: connection.query(query).single())
        }
    }

    private func translatingErrors<T>(lookingUp lookups: [Lookup], _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as PostgresError {
            var ledgerError = LedgerError(error)
            if ledgerError.kind == .notFound {
                ledgerError.suggestions = suggestions(for: error.table, lookups: lookups)
            }
            throw ledgerError
        }
    }

    private func suggestions(for table: String?, lookups: [Lookup]) -> [String] {
        for lookup in lookups {
            let (name, sql): (String?, PostgresQuery) = switch lookup {
            case .fund(let code): (code, "SELECT code AS name FROM funds")
            case .donor(let name): (name, "SELECT name FROM donors")
            case .partner(let name): (name, "SELECT name FROM partners")
            }
            let expectedTable = switch lookup { case .fund: "funds"; case .donor: "donors"; case .partner: "partners" }
            guard let name, table == expectedTable,
                  let rows = try? connection.query(sql) else { continue }
            let names = rows.compactMap { try? $0.decode("name", as: String.self) }
            return NameSuggestions.nearest(to: name, among: names)
        }
        return []
    }
}
