/// The words staff read for the ledger's codes: donor kinds, fund statuses, pledge and
/// milestone states, entry kinds. The one place every renderer (terminal, Markdown, HTML, the
/// CLI's messages) takes them from, so a kind is never "intercommunalite" in one listing and
/// "intercommunalité" in another. CSV and JSON keep the codes: they are read by programs.
public enum FrenchLabels {
    /// "commune", "département", "région", "intercommunalité", "autre".
    public static func donorKind(_ kind: Donor.Kind) -> String {
        switch kind {
        case .commune: "commune"
        case .departement: "département"
        case .region: "région"
        case .intercommunalite: "intercommunalité"
        case .autre: "autre"
        }
    }

    /// "ouvert", "en clôture", "clôturé" (a fund is masculine: "le fonds").
    public static func fundStatus(_ status: Fund.Status) -> String {
        switch status {
        case .open: "ouvert"
        case .closing: "en clôture"
        case .closed: "clôturé"
        }
    }

    /// "en cours", "soldée", "solde abandonné", "annulée" (a pledge is feminine: "la promesse").
    /// Written off means the rest was given up, not the whole pledge: part may have been received.
    public static func pledgeState(_ state: PledgeStatus.State) -> String {
        switch state {
        case .open: "en cours"
        case .fulfilled: "soldée"
        case .written_off: "solde abandonné"
        case .cancelled: "annulée"
        }
    }

    /// A contribution's state: "reçu", or "annulé" once reversed ("le versement").
    public static func contributionState(reversed: Bool) -> String {
        reversed ? "annulé" : "reçu"
    }

    /// A milestone's state by its report code (`planned`, `achieved`, `late`): "prévue",
    /// "atteinte", "en retard" ("l'étape"). The code itself for one this list does not know, so a
    /// new state shows up rather than vanishing.
    public static func milestoneStatus(_ code: String) -> String {
        switch code {
        case "planned": "prévue"
        case "achieved": "atteinte"
        case "late": "en retard"
        default: code
        }
    }

    /// "promesse", "versement reçu", "abandon de promesse", "versement au partenaire".
    public static func entryKind(_ kind: JournalEntry.Kind) -> String {
        switch kind {
        case .pledge: "promesse"
        case .contribution: "versement reçu"
        case .pledge_write_off: "abandon de promesse"
        case .disbursement: "versement au partenaire"
        case .dedicated_funds: "fonds dédiés"
        case .accrual: "charge à payer"
        case .reallocation: "réaffectation"
        case .refund: "remboursement aux donateurs"
        case .dedicated_transfer: "fonds dédiés réaffectés"
        }
    }

    /// Every state and kind word above, for tests that scan French output.
    public static var all: [String] {
        Donor.Kind.allCases.map(donorKind) + Fund.Status.allCases.map(fundStatus)
            + [PledgeStatus.State.open, .fulfilled, .written_off, .cancelled].map(pledgeState)
            + ["planned", "achieved", "late"].map(milestoneStatus)
    }
}
