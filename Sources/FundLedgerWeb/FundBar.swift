import Ledger
import Reports

/// A fund's small inline SVG bar on the dashboard: what was disbursed, what is available, and
/// the pledges still awaited, side by side on one scale (the fund's own total), with a text
/// alternative. Built here, escaped here: the template inserts it as is.
enum FundBar {
    static let width = 300.0
    static let height = 16.0

    static func svg(_ balance: FundBalance) -> String {
        let parts: [(String, String, Money)] = [
            ("versé", "bar-disbursed", balance.disbursed),
            ("disponible", "bar-available", balance.available),
            ("promesses en attente", "bar-pledged", balance.outstandingPledges),
        ]
        let total = parts.reduce(Int64(0)) { $0 + max(0, $1.2.cents) }
        let label = "\(balance.name) : " + parts.map { "\($0.0) \($0.2.french)" }.joined(separator: ", ")
        var x = 0.0
        var rects = ""
        for (name, cssClass, amount) in parts where total > 0 && amount.cents > 0 {
            let w = width * Double(amount.cents) / Double(total)
            rects += "<rect class=\"\(cssClass)\" x=\"\(format(x))\" y=\"0\" width=\"\(format(w))\" height=\"\(format(height))\">"
                + "<title>\(HTMLText.escape("\(name) : \(amount.french)"))</title></rect>"
            x += w
        }
        if total == 0 {
            rects = "<rect class=\"bar-empty\" x=\"0\" y=\"0\" width=\"\(format(width))\" height=\"\(format(height))\"/>"
        }
        return "<svg class=\"fund-bar\" viewBox=\"0 0 \(format(width)) \(format(height))\" preserveAspectRatio=\"none\" "
            + "role=\"img\" aria-label=\"\(HTMLText.escape(label))\" xmlns=\"http://www.w3.org/2000/svg\">\(rects)</svg>"
    }

    private static func format(_ value: Double) -> String {
        String(format: "%.1f", value)
    }
}
