import Ledger

/// What the milestone report and the quarterly report flag to the accountant and the board:
/// a milestone achieved with its tranche not all paid (the fund owes the partner; at the year's
/// end, a charge à payer), and a tranche paid before its milestone was achieved.
public enum MilestoneFlags {
    /// The rule of "owed": achieved, its tranche not all paid; what is owed (nil otherwise).
    public static func owed(tranche: Money?, paid: Money, achieved: Bool) -> Money? {
        guard achieved, let tranche, tranche > paid else { return nil }
        return tranche - paid
    }

    /// The rule of "paid early": something paid for a milestone not achieved.
    public static func paidEarly(paid: Money, achieved: Bool) -> Bool {
        !achieved && paid > .zero
    }

    /// One line per flag, in French:
    /// "« Distribution d'eau » : étape atteinte, tranche non versée — 40 000,00 € dus au partenaire".
    public static func describe(title: String, owed: Money?, paidEarly: Money?) -> [String] {
        var flags: [String] = []
        if let owed { flags.append("« \(title) » : étape atteinte, tranche non versée — \(owed.french) dus au partenaire") }
        if let paidEarly { flags.append("« \(title) » : tranche versée avant l'étape — \(paidEarly.french) versés, étape non atteinte") }
        return flags.map(FrenchTypography.apply)
    }
}
