import Ledger

/// Splits one payment between donors in proportion to what each had paid, in integer cents,
/// without ever attributing more than the payment (the rule stated in `CompteRendu.shareRule`).
public enum ProRataShare {
    /// The share of each donor: `amount × receipts[i] / Σ receipts`, rounded down to the cent,
    /// then the cents left over given one by one to the largest remainders (ties: the lower index,
    /// i.e. the donor recorded first when `receipts` are in donor order). The result adds up to
    /// `amount` exactly when some donor had paid anything, and is all zeros otherwise (a payment
    /// before any receipt cannot happen — the bank is never overdrawn — but must not divide by zero).
    public static func split(_ amount: Money, among receipts: [Money]) -> [Money] {
        let total = receipts.reduce(Int64(0)) { $0 + max($1.cents, 0) }
        guard total > 0, amount.cents > 0 else { return receipts.map { _ in .zero } }
        // 128-bit products: a payment and a receipt may each reach 10^14 cents.
        var shares: [Int64] = []
        var remainders: [(remainder: Int64, index: Int)] = []
        for (index, receipt) in receipts.enumerated() {
            let product = amount.cents.multipliedFullWidth(by: max(receipt.cents, 0))
            let (quotient, remainder) = total.dividingFullWidth(product)
            shares.append(quotient)
            remainders.append((remainder, index))
        }
        var left = amount.cents - shares.reduce(0, +)
        // At most one cent per donor is left over, since each share lost less than one.
        for entry in remainders.sorted(by: { $0.remainder != $1.remainder ? $0.remainder > $1.remainder : $0.index < $1.index })
        where left > 0 && entry.remainder > 0 {
            shares[entry.index] += 1
            left -= 1
        }
        return shares.map(Money.init(cents:))
    }
}
