import Postgres

/// How far the books are closed: every closing of a period (who, when, through which day),
/// each fund's own `books_closed_through`, and the years closed by `year-end`. What
/// `GET /v1/periods` answers and `fundledger period show` summarises.
public struct PeriodsOverview: Sendable, Encodable, Equatable {
    /// One `period close` (or the close a `year-end` makes).
    public struct Closure: Sendable, Encodable, Equatable, RowDecodable {
        public var id: Int64
        public var closedThrough: CalendarDate
        /// When, ISO 8601 in UTC (`2026-11-27T17:31:21Z`).
        public var closedAt: String
        public var closedBy: String

        enum CodingKeys: String, CodingKey {
            case id, closedThrough = "closed_through", closedAt = "closed_at", closedBy = "closed_by"
        }

        init(row: PostgresRow) throws {
            id = try row.decode("id")
            closedThrough = try row.decode("closed_through")
            closedAt = try row.decode("closed_at")
            closedBy = try row.decode("closed_by")
        }
    }

    /// A fund and the day its books are closed through (nil while none was ever closed).
    public struct FundClosing: Sendable, Encodable, Equatable, RowDecodable {
        public var fund: String
        public var booksClosedThrough: CalendarDate?

        enum CodingKeys: String, CodingKey {
            case fund, booksClosedThrough = "books_closed_through"
        }

        init(row: PostgresRow) throws {
            fund = try row.decode("code")
            booksClosedThrough = try row.decode("books_closed_through")
        }
    }

    /// Oldest first (by the day closed through).
    public var closures: [Closure]
    /// The latest closing's day; nil while no period was ever closed.
    public var booksClosedThrough: CalendarDate? { closures.last?.closedThrough }
    /// By code.
    public var funds: [FundClosing]
    /// The fiscal years closed by `year-end` (fonds dédiés posted), in order.
    public var yearEnds: [Int]

    enum CodingKeys: String, CodingKey {
        case booksClosedThrough = "books_closed_through", closures, funds, yearEnds = "year_ends"
    }

    /// `books_closed_through` is written `null` while nothing is closed, never left out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(booksClosedThrough, forKey: .booksClosedThrough)
        try container.encode(closures, forKey: .closures)
        try container.encode(funds, forKey: .funds)
        try container.encode(yearEnds, forKey: .yearEnds)
    }
}
