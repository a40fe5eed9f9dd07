import Postgres

/// One fund's line in the table of changes in fonds dédiés (règlement ANC 2018-06): what it
/// held at the start of the year, what the year-end added (its unspent resources), what this
/// year's grants used from earlier years, what moved between funds, what it holds at the end.
/// Cents, credits positive.
public struct DedicatedFunds: Sendable, Equatable, Encodable, RowDecodable {
    public var fund: String
    public var opening: Money
    public var added: Money
    public var used: Money
    /// Reallocations between funds: received from another fund and unspent, less earlier
    /// years' fonds dédiés given to another fund. closing = opening + added − used + transferred.
    public var transferred: Money
    public var closing: Money

    public init(fund: String, opening: Money, added: Money, used: Money, transferred: Money = .zero, closing: Money) {
        self.fund = fund
        self.opening = opening
        self.added = added
        self.used = used
        self.transferred = transferred
        self.closing = closing
    }

    /// JSON keys, snake_case: each amount as `…_cents` and, since people read this table, its
    /// French text as `…_formatted` (the ledger's JSON policy, see `LedgerJSON`).
    enum CodingKeys: String, CodingKey {
        case fund
        case opening = "opening_cents", openingFormatted = "opening_formatted"
        case added = "added_cents", addedFormatted = "added_formatted"
        case used = "used_cents", usedFormatted = "used_formatted"
        case transferred = "transferred_cents", transferredFormatted = "transferred_formatted"
        case closing = "closing_cents", closingFormatted = "closing_formatted"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(fund, forKey: .fund)
        for (amount, cents, text) in [(opening, CodingKeys.opening, CodingKeys.openingFormatted),
                                      (added, .added, .addedFormatted), (used, .used, .usedFormatted),
                                      (transferred, .transferred, .transferredFormatted),
                                      (closing, .closing, .closingFormatted)] {
            try container.encode(amount, forKey: cents)
            try container.encode(LedgerJSON.formatted(amount), forKey: text)
        }
    }

    init(row: PostgresRow) throws {
        fund = try row.decode("fund_code")
        opening = try row.money("opening")
        added = try row.money("added")
        used = try row.money("used")
        transferred = try row.money("transferred")
        closing = try row.money("closing")
    }
}

/// What `fundledger year-end` did: whether the year was already closed (then nothing changed),
/// and the table of fonds dédiés for the year.
public struct YearEnd: Sendable, Equatable, Encodable {
    public var year: Int
    public var alreadyClosed: Bool
    public var dedicatedFunds: [DedicatedFunds]
    /// Tranches owed to partners on 31 December, posted as charges à payer (657/4686).
    public var accrualCount: Int = 0
    public var accruals: Money = .zero

    /// JSON keys, snake_case, amounts as `…_cents` (the ledger's JSON policy, see `LedgerJSON`).
    enum CodingKeys: String, CodingKey {
        case year, alreadyClosed = "already_closed", accrualCount = "accrual_count", accruals = "accruals_cents"
        case dedicatedFunds = "dedicated_funds"
    }
}
