import Ledger

/// A `CompteRendu` as a JSON document for the HTTP service: the summary figures, then the year's
/// payments with the receipts each share was computed from. Amounts by the ledger's JSON policy
/// (`<name>_cents` and `<name>_formatted`), ISO dates, keys in a fixed order.
public enum CompteRenduJSON {
    public static func render(_ report: CompteRendu) -> String {
        JSONValue.object(
            [("donor", .string(report.donor)), ("donor_kind", .string(report.donorKind.rawValue)),
             ("fund", .string(report.fundCode)), ("fund_name", .string(report.fundName)),
             ("fund_opened_on", .string(report.fundOpenedOn.iso)), ("year", .int(report.year)),
             ("year_end", .string(report.yearEnd.iso)), ("currency", .string("EUR"))]
            + JSONValue.money("paid_in_year", report.paidInYear)
            + JSONValue.money("paid_since_opening", report.paidSinceOpening)
            + JSONValue.money("paid_out_in_year", report.paidOutInYear)
            + JSONValue.money("used_before_year", report.usedBeforeYear)
            + JSONValue.money("used_in_year", report.usedInYear)
            + JSONValue.money("remaining", report.remaining)
            + [("share_rule", .string(CompteRendu.shareRule)),
               ("payments", .array(report.payments.map { p in
                   .object([("id", .integer(p.id)), ("paid_on", .string(p.paidOn.iso)), ("partner", .string(p.partner)),
                            ("project", .string(p.project)), ("milestone", .string(p.milestone)),
                            ("cancelled", .boolean(p.reversed))]
                           + JSONValue.money("amount", p.amount) + JSONValue.money("donor_receipts", p.donorReceipts)
                           + JSONValue.money("fund_receipts", p.fundReceipts) + JSONValue.money("share", p.share))
               }))]
        ).rendered() + "\n"
    }
}
