import Ledger
import Postgres

/// Reads the `CompteRendu` of one donor, or of every donor of a fund, for one year, in one
/// read-only snapshot. Two queries read the fund's contributions and payments up to the year's
/// end; the shares are computed here (`ProRataShare`), because each payment is split among all
/// the fund's donors at once. Only SELECTs on tables the `fundledger_reader` role may read.
public struct CompteRenduQuery {
    public let connection: PostgresConnection

    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Every contribution to the fund received up to the year's end and not reversed by then,
    /// with its donor. Parameters: $1 fund id, $2 the year's last day.
    public static let receiptsSQL = """
        SELECT c.donor_id, d.name, d.kind, c.received_on, c.amount
          FROM contributions c
          JOIN donors d ON d.id = c.donor_id
         WHERE c.fund_id = $1::bigint AND c.received_on <= $2::date
           AND NOT EXISTS (SELECT FROM journal_entries r
                            WHERE r.reverses_entry_id = c.entry_id AND r.value_date <= $2::date)
         ORDER BY d.name COLLATE "fr-x-icu", d.id, c.received_on, c.id
        """

    /// Every payment of the fund up to the year's end, with its partner, project and milestone,
    /// and whether an entry dated on or before the year's end reversed it; and every settlement
    /// (reallocation, refund) as a payment to the other fund or to the donors.
    /// Parameters: $1 fund id, $2 the year's last day.
    public static let paymentsSQL = """
        SELECT di.id, di.paid_on, di.amount, pa.name AS partner, p.title AS project, m.title AS milestone,
               EXISTS (SELECT FROM journal_entries r
                        WHERE r.reverses_entry_id = di.entry_id AND r.value_date <= $2::date) AS reversed
          FROM disbursements di
          JOIN projects p ON p.id = di.project_id
          JOIN partners pa ON pa.id = p.partner_id
          LEFT JOIN milestones m ON m.id = di.milestone_id
         WHERE di.fund_id = $1::bigint AND di.paid_on <= $2::date
        UNION ALL
        -- Money that left the fund to settle it uses every donor's money by the same rule: a
        -- reallocation to another fund, a refund to the donors (whose posted shares follow the
        -- same rule, see refund_fund). Never reversed.
        SELECT s.id, s.settled_on, s.amount,
               CASE s.kind WHEN 'reallocation' THEN t.name ELSE 'Collectivités donatrices' END,
               CASE s.kind WHEN 'reallocation' THEN 'Réaffectation — accord des donateurs ' || s.reference
                           ELSE 'Remboursement au prorata des dons — décision ' || s.reference END,
               NULL, false
          FROM fund_settlements s
          LEFT JOIN funds t ON t.id = s.target_fund_id
         WHERE s.fund_id = $1::bigint AND s.settled_on <= $2::date
         ORDER BY 2, 1
        """

    /// The compte rendu of `donor` (name, ignoring case and accents) for `fund` (code) and `year`.
    /// A donor that paid nothing to the fund by the year's end gets a `ReportError` in French.
    public func compteRendu(donor name: String, fund: String, year: Int) throws -> CompteRendu {
        try read(fund: fund, year: year, donor: { try $0.donor(named: name) })[0]
    }

    /// The compte rendu of the donor numbered `id` (the HTTP service names donors by id); an
    /// unknown id is a `LedgerError` (`.notFound`, field `id`).
    public func compteRendu(donorID id: Int64, fund: String, year: Int) throws -> CompteRendu {
        try read(fund: fund, year: year, donor: { reader in
            do {
                return try reader.donor(id: id)
            } catch let error as LedgerError where error.kind == .notFound {
                throw LedgerError(kind: .notFound, message: "Aucune collectivité donatrice n° \(id).", field: "id")
            }
        })[0]
    }

    /// One compte rendu per donor that paid to `fund` by the end of `year`, in French dictionary order.
    public func all(fund: String, year: Int) throws -> [CompteRendu] {
        try read(fund: fund, year: year, donor: nil)
    }

    private struct Receipt {
        var donorID: Int64
        var receivedOn: CalendarDate
        var amount: Money
    }

    private func read(fund code: String, year: Int,
                      donor find: ((LedgerReader) throws -> Donor)?) throws -> [CompteRendu] {
        guard let first = CalendarDate(year: year, month: 1, day: 1), let last = CalendarDate(year: year, month: 12, day: 31) else {
            throw ReportError("\(year) n’est pas une année.")
        }
        // Looked up before the transaction, so that "unknown fund" or "unknown donor" can still
        // query suggestions (a failed statement aborts a transaction).
        let lookup = LedgerReader(connection: connection)
        let fund = try lookup.fund(code: code)
        let only = try find.map { try $0(lookup) }
        return try connection.transaction(isolation: .repeatableRead) { connection in
            try connection.execute(script: "SET TRANSACTION READ ONLY")
            let binds: [any PostgresEncodable] = [fund.id, last]
            var donors: [(id: Int64, name: String, kind: Donor.Kind)] = []
            var receipts: [Receipt] = []
            for row in try connection.query(PostgresQuery(sql: Self.receiptsSQL, binds: binds)) {
                let id: Int64 = try row.decode("donor_id")
                if donors.last?.id != id { donors.append((id, try row.decode("name"), try row.decode("kind"))) }
                receipts.append(Receipt(donorID: id, receivedOn: try row.decode("received_on"), amount: try row.money("amount")))
            }
            // Ties of the rounding go to the donor recorded first: shares are split in id order.
            let byID = donors.map(\.id).sorted()
            let position = Dictionary(uniqueKeysWithValues: byID.enumerated().map { ($1, $0) })
            var usedBefore = [Money](repeating: .zero, count: byID.count)
            var payments = [[CompteRendu.Payment]](repeating: [], count: byID.count)
            for row in try connection.query(PostgresQuery(sql: Self.paymentsSQL, binds: binds)) {
                let paidOn: CalendarDate = try row.decode("paid_on")
                let amount = try row.money("amount")
                let reversed: Bool = try row.decode("reversed")
                var upToDay = [Money](repeating: .zero, count: byID.count)
                for receipt in receipts where receipt.receivedOn <= paidOn {
                    upToDay[position[receipt.donorID]!] = upToDay[position[receipt.donorID]!] + receipt.amount
                }
                let fundReceipts = upToDay.reduce(Money.zero, +)
                let shares = reversed ? upToDay.map { _ in Money.zero } : ProRataShare.split(amount, among: upToDay)
                if paidOn < first {
                    for index in shares.indices { usedBefore[index] = usedBefore[index] + shares[index] }
                    continue
                }
                for index in byID.indices {
                    payments[index].append(CompteRendu.Payment(
                        id: try row.decode("id"), paidOn: paidOn, partner: try row.decode("partner"),
                        project: try row.decode("project"), milestone: try row.decode("milestone"),
                        amount: amount, reversed: reversed, donorReceipts: upToDay[index],
                        fundReceipts: fundReceipts, share: shares[index]))
                }
            }
            if let only, !donors.contains(where: { $0.id == only.id }) {
                throw ReportError("\(only.name) n’a rien versé au fonds \(fund.code) jusqu’au \(FrenchText.date(last))\u{00A0}: pas de compte rendu.")
            }
            return donors.compactMap { donor -> CompteRendu? in
                if let only, only.id != donor.id { return nil }
                let own = receipts.filter { $0.donorID == donor.id }
                let index = position[donor.id]!
                return CompteRendu(
                    donor: donor.name, donorKind: donor.kind, fundCode: fund.code, fundName: fund.name,
                    fundOpenedOn: fund.openedOn, year: year,
                    paidInYear: own.filter { $0.receivedOn >= first }.reduce(.zero) { $0 + $1.amount },
                    paidSinceOpening: own.reduce(.zero) { $0 + $1.amount },
                    usedBeforeYear: usedBefore[index], payments: payments[index])
            }
        }
    }
}
