import Ledger

extension Money {
    /// As a newsletter writes it: `79 500 €` for whole euros, `1 234,56 €` otherwise (French
    /// spaces as `french`). The internal sheet and the exports keep the cents.
    public var newsletter: String {
        cents % 100 == 0 ? french.replacingOccurrences(of: ",00\u{00A0}€", with: "\u{00A0}€") : french
    }
}
