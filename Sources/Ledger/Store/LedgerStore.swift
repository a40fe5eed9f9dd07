import Postgres

/// The only writer of money: one method per business event, each one SQL function call,
/// hence one round trip and one transaction (retried on serialization failure or deadlock).
///
/// Every text given is cleaned first (`NameInput`: trimmed, NFC, no control or invisible
/// characters, bounded length, no spreadsheet formula at the start of names and references);
/// text that cannot be accepted is an `InputError` naming the field as the parameter is called
/// (`donor`, `reference`, `idempotencyKey`…), before any SQL.
///
/// Every write takes an optional idempotency key: the same key with the same request returns
/// what the first call recorded and writes nothing; with another request it is refused.
/// Refusals are `InputError`s or `LedgerError`s and leave the database unchanged.
/// Reads are `LedgerReader`'s (`reader`).
public struct LedgerStore: Sendable {
    public let connection: PostgresConnection
    /// Who writes, recorded on every journal entry (e.g. `cli:alice@host`).
    public var actor: String

    public init(connection: PostgresConnection, actor: String) {
        self.connection = connection
        self.actor = actor
    }

    /// The reads, on the same connection.
    public var reader: LedgerReader { LedgerReader(connection: connection) }

    var queries: LedgerQueries { LedgerQueries(connection: connection) }

    // MARK: - Funds, donors, partners, projects, milestones

    public func openFund(code: String, name: String, audience: String?, openedOn: CalendarDate,
                         idempotencyKey: String? = nil) throws -> Fund {
        let code = try NameInput.fundCode(code, field: "code")
        let name = try NameInput.name(name, field: "name")
        let audience = try NameInput.text(audience, field: "audience")
        let key = try NameInput.idempotencyKey(idempotencyKey)
        return try write("""
            SELECT * FROM open_fund(\(code), \(name), \(audience), \(openedOn), \(actor), \(key))
            """)
    }

    public func setFundStatus(code: String, status: Fund.Status, on date: CalendarDate,
                              idempotencyKey: String? = nil) throws -> Fund {
        let code = try NameInput.lookup(code, field: "code")
        let key = try NameInput.idempotencyKey(idempotencyKey)
        return try write("""
            SELECT * FROM set_fund_status(\(code), \(status.rawValue), \(date), \(actor), \(key))
            """, lookingUp: .fund(code))
    }

    /// Sets how a fund's thanks are printed: its own sentence (nil: the default one), the order
    /// of the names and whether they are bold. The template is checked here (`ThanksTemplate`)
    /// for a clear message, and again by `set_fund_thanks`.
    public func setFundThanks(code: String, thanked: Thanked, template: String?, order: ThanksOrder,
                              bold: Bool, idempotencyKey: String? = nil) throws -> FundThanks {
        let code = try NameInput.lookup(code, field: "code")
        let template = try NameInput.text(template, field: "template")
        if let template { _ = try ThanksTemplate(template) }
        let key = try NameInput.idempotencyKey(idempotencyKey)
        return try write("""
            SELECT * FROM set_fund_thanks(\(code), \(thanked.rawValue), \(template), \(order.rawValue), \(bold),
                                          \(actor), \(key))
            """, lookingUp: .fund(code))
    }

    public func addDonor(name: String, kind: Donor.Kind = .commune, siren: String? = nil,
                         idempotencyKey: String? = nil) throws -> Donor {
        let name = try NameInput.name(name, field: "name")
        let siren = try NameInput.text(siren, field: "siren")
        let key = try NameInput.idempotencyKey(idempotencyKey)
        return try write("""
            SELECT * FROM add_donor(\(name), \(kind.rawValue), \(siren), \(actor), \(key))
            """)
    }

    public func addPartner(name: String, country: String? = nil, idempotencyKey: String? = nil) throws -> Partner {
        let name = try NameInput.name(name, field: "name")
        let country = try NameInput.text(country, field: "country")
        let key = try NameInput.idempotencyKey(idempotencyKey)
        return try write("SELECT * FROM add_partner(\(name), \(country), \(actor), \(key))")
    }

    public func addProject(fund: String, partner: String, title: String, budget: Money? = nil,
                           idempotencyKey: String? = nil) throws -> Project {
        let fund = try NameInput.lookup(fund, field: "fund")
        let partner = try NameInput.lookup(partner, field: "partner")
        let title = try NameInput.name(title, field: "title")
        let key = try NameInput.idempotencyKey(idempotencyKey)
        return try write("""
            SELECT * FROM add_project(\(fund), \(partner), \(title), \(budget?.cents), \(actor), \(key))
            """, lookingUp: .fund(fund), .partner(partner))
    }

    public func addMilestone(project: Int64, title: String, dueOn: CalendarDate, tranche: Money? = nil,
                             idempotencyKey: String? = nil) throws -> Milestone {
        let title = try NameInput.name(title, field: "title")
        let key = try NameInput.idempotencyKey(idempotencyKey)
        return try write("""
            SELECT * FROM add_milestone(\(project), \(title), \(dueOn), \(tranche?.cents), \(actor), \(key))
            """)
    }

    public func achieveMilestone(_ milestone: Int64, on date: CalendarDate,
                                 idempotencyKey: String? = nil) throws -> Milestone {
        let key = try NameInput.idempotencyKey(idempotencyKey)
        return try write("SELECT * FROM achieve_milestone(\(milestone), \(date), \(actor), \(key))")
    }

    // MARK: - Money events

    public func recordPledge(donor: String, fund: String, amount: Money, on date: CalendarDate,
                             reference: String? = nil, idempotencyKey: String? = nil) throws -> Pledge {
        let donor = try NameInput.lookup(donor, field: "donor")
        let fund = try NameInput.lookup(fund, field: "fund")
        let reference = try NameInput.reference(reference)
        let key = try NameInput.idempotencyKey(idempotencyKey)
        return try write("""
            SELECT * FROM record_pledge(\(donor), \(fund), \(amount.cents), \(date), \(reference), \(actor), \(key))
            """, lookingUp: .donor(donor), .fund(fund))
    }

    /// Records money received; returns it with the part applied to pledges.
    public func recordContribution(donor: String, fund: String, amount: Money, on date: CalendarDate,
                                   pledge: PledgeChoice = .automatic, reference: String? = nil,
                                   idempotencyKey: String? = nil) throws -> Contribution {
        let donor = try NameInput.lookup(donor, field: "donor")
        let fund = try NameInput.lookup(fund, field: "fund")
        let reference = try NameInput.reference(reference)
        let key = try NameInput.idempotencyKey(idempotencyKey)
        let pledgeID: Int64? = if case .pledge(let id) = pledge { id } else { nil }
        let applies = pledge != .none
        let recorded: WrittenID = try write("""
            SELECT id FROM record_contribution(\(donor), \(fund), \(amount.cents), \(date), \(pledgeID), \(applies),
                                               \(reference), \(actor), \(key))
            """, lookingUp: .donor(donor), .fund(fund))
        // A second statement: the function's rows are not visible to the statement that called it.
        return try reader.contribution(id: recorded.id)
    }

    /// The `id` column of what a business event wrote, read back by a second statement.
    struct WrittenID: RowDecodable {
        let id: Int64
        init(row: PostgresRow) throws { id = try row.decode("id") }
    }

    /// Gives up what a pledge still expects; returns the write-off entry.
    public func writeOffPledge(_ pledge: Int64, reason: String?, on date: CalendarDate,
                               idempotencyKey: String? = nil) throws -> JournalEntry {
        let reason = try NameInput.text(reason, field: "reason")
        let key = try NameInput.idempotencyKey(idempotencyKey)
        return try write("SELECT * FROM write_off_pledge(\(pledge), \(reason), \(date), \(actor), \(key))")
    }

    /// Cancels a pledge that has received nothing, by reversing its entry.
    public func cancelPledge(_ pledge: Int64, reason: String?, on date: CalendarDate,
                             idempotencyKey: String? = nil) throws -> JournalEntry {
        let reason = try NameInput.text(reason, field: "reason")
        let key = try NameInput.idempotencyKey(idempotencyKey)
        return try write("SELECT * FROM cancel_pledge(\(pledge), \(reason), \(date), \(actor), \(key))")
    }

    /// Pays a tranche; refused (`.insufficientFunds`, the message saying what the fund holds) when
    /// the fund lacks the money.
    public func recordDisbursement(project: Int64, milestone: Int64? = nil, amount: Money, on date: CalendarDate,
                                   reference: String? = nil, idempotencyKey: String? = nil) throws -> Disbursement {
        let reference = try NameInput.reference(reference)
        let key = try NameInput.idempotencyKey(idempotencyKey)
        return try write("""
            SELECT * FROM record_disbursement(\(project), \(milestone), \(amount.cents), \(date), \(reference),
                                              \(actor), \(key))
            """)
    }

    /// Records the exact opposite of an entry, linked to it; both stay in the journal.
    public func reverseEntry(_ entry: Int64, reason: String, on date: CalendarDate,
                             idempotencyKey: String? = nil) throws -> JournalEntry {
        guard let reason = try NameInput.text(reason, field: "reason") else {
            throw InputError(field: "reason", value: reason, reason: "must not be empty")
        }
        let key = try NameInput.idempotencyKey(idempotencyKey)
        return try write("SELECT * FROM reverse_entry(\(entry), \(reason), \(date), \(actor), \(key))")
    }

    // MARK: - Plumbing

    func write<T: RowDecodable>(_ query: PostgresQuery, lookingUp lookups: LedgerQueries.Lookup...) throws -> T {
        try queries.write(query, lookingUp: lookups)
    }
}
