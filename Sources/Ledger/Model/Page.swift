/// Which slice of a list to read: the items after a keyset cursor (the last id of the previous
/// page), at most `limit` of them. Lists paged this way are in id order, so that a page never
/// repeats or skips an item however many are added meanwhile.
public struct PageRequest: Sendable, Equatable {
    /// The most items a page holds.
    public static let maximumLimit = 500
    public static let defaultLimit = 100

    /// The id after which the page starts; nil for the first page.
    public var after: Int64?
    /// Between 1 and `maximumLimit`.
    public var limit: Int

    public init(after: Int64? = nil, limit: Int = PageRequest.defaultLimit) {
        self.after = after
        self.limit = min(max(limit, 1), Self.maximumLimit)
    }
}

/// One page of a list and the cursor of the next, nil on the last page.
public struct Page<Item: Sendable & Encodable>: Sendable, Encodable {
    public var items: [Item]
    /// The `after` of the next page (as text: clients treat it as opaque).
    public var nextCursor: String?

    enum CodingKeys: String, CodingKey {
        case items, nextCursor = "next_cursor"
    }

    /// `next_cursor` is written `null` on the last page, never left out: a client (and the
    /// OpenAPI document, which requires it) tells the last page by it.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        try container.encode(nextCursor, forKey: .nextCursor)
    }

    /// The page from rows read with `LIMIT limit + 1`: one more than asked says there is a next page.
    init(rows: [Item], request: PageRequest, id: (Item) -> Int64) {
        if rows.count > request.limit {
            items = Array(rows.prefix(request.limit))
            nextCursor = items.last.map { String(id($0)) }
        } else {
            items = rows
            nextCursor = nil
        }
    }
}
