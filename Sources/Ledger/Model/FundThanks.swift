import Postgres

/// How a fund's thanks are printed, as communications set them (`fundledger fund set-thanks`):
/// its own sentence or the default one, the order of the names, names in bold or not.
public struct FundThanks: Sendable, Codable, Equatable, RowDecodable {
    public var fundId: Int64
    public var thanked: Thanked
    /// The fund's own sentence (`ThanksTemplate` syntax); nil: the default sentence.
    public var template: String?
    public var order: ThanksOrder
    /// Names in bold in Markdown and HTML (the newsletter's Vietnam list is).
    public var bold: Bool

    enum CodingKeys: String, CodingKey {
        case fundId = "fund_id", thanked, template, order, bold
    }

    /// What a fund without settings gets: the default sentence, French order, no bold.
    public static func standard(fundId: Int64, thanked: Thanked) -> FundThanks {
        FundThanks(fundId: fundId, thanked: thanked, template: nil, order: .alphabetical, bold: false)
    }

    public init(fundId: Int64, thanked: Thanked, template: String?, order: ThanksOrder, bold: Bool) {
        self.fundId = fundId
        self.thanked = thanked
        self.template = template
        self.order = order
        self.bold = bold
    }

    init(row: PostgresRow) throws {
        fundId = try row.decode("fund_id")
        thanked = try row.decode("thanked")
        template = try row.decode("template")
        order = try row.decode("name_order")
        bold = try row.decode("bold")
    }
}
