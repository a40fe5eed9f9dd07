import Postgres

/// A journal entry as `GET /v1/entries/{id}` shows it: its fields, its fund's code, the entry
/// that reversed it (if any) and its postings. In JSON the entry's keys sit beside
/// `fund_code`, `reversed_by_entry_id` and `postings` (one flat object).
public struct EntryDetail: Sendable, Codable, Equatable, RowDecodable {
    public var entry: JournalEntry
    public var fundCode: String
    public var reversedByEntryID: Int64?
    public var postings: [EntryPosting]

    enum CodingKeys: String, CodingKey {
        case fundCode = "fund_code", reversedByEntryID = "reversed_by_entry_id", postings
    }

    init(row: PostgresRow) throws {
        entry = try JournalEntry(row: row)
        fundCode = try row.decode("fund_code")
        reversedByEntryID = try row.decode("reversed_by_entry_id")
        postings = []
    }

    public init(from decoder: any Decoder) throws {
        entry = try JournalEntry(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        fundCode = try container.decode(String.self, forKey: .fundCode)
        reversedByEntryID = try container.decodeIfPresent(Int64.self, forKey: .reversedByEntryID)
        postings = try container.decode([EntryPosting].self, forKey: .postings)
    }

    public func encode(to encoder: any Encoder) throws {
        try entry.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(fundCode, forKey: .fundCode)
        try container.encodeIfPresent(reversedByEntryID, forKey: .reversedByEntryID)
        try container.encode(postings, forKey: .postings)
    }
}
