import Ledger

/// The ledger's listings as `Table`s, one builder per kind of row.
public enum LedgerTables {
    public static func funds(_ funds: [Fund]) -> Table {
        Table(columns: [
            .init("code", "Code"), .init("name", "Nom"), .init("status", "Statut"),
            .init("opened_on", "Ouvert le"), .init("closed_on", "Clos le"), .init("audience", "Bénéficiaires"),
        ], rows: funds.map { fund in
            [.text(fund.code), .text(fund.name), .fundStatus(fund.status),
             .date(fund.openedOn), .date(fund.closedOn), .text(fund.audience)]
        })
    }

    public static func balances(_ balances: [FundBalance]) -> Table {
        Table(columns: [
            .init("fund", "Fonds"), .init("name", "Nom"), .init("status", "Statut"),
            .init("received", "Reçu", alignment: .right), .init("disbursed", "Versé", alignment: .right),
            .init("available", "Disponible", alignment: .right),
            .init("outstanding_pledges", "Promesses en attente", alignment: .right),
            .init("reallocated_out", "Réaffecté à un autre fonds", alignment: .right),
            .init("reallocated_in", "Reçu d’un autre fonds", alignment: .right),
            .init("refunded", "Rendu aux donateurs", alignment: .right),
        ], rows: balances.map { balance in
            [.text(balance.code), .text(balance.name), .fundStatus(balance.status),
             .money(balance.received), .money(balance.disbursed), .money(balance.available),
             .money(balance.outstandingPledges), .money(balance.reallocatedOut), .money(balance.reallocatedIn),
             .money(balance.refunded)]
        })
    }

    /// Settlements of funds: reallocations and refunds, with the agreement they rest on.
    public static func settlements(_ settlements: [FundSettlement]) -> Table {
        Table(columns: [
            .init("id", "N°", alignment: .right), .init("kind", "Nature"), .init("fund", "Fonds"),
            .init("to", "Vers"), .init("amount", "Montant", alignment: .right), .init("on", "Le"),
            .init("reference", "Accord"), .init("agreed_on", "Accord du"),
            .init("entries", "Écritures"),
        ], rows: settlements.map { settlement in
            [.integer(settlement.id),
             .label(code: settlement.kind.rawValue,
                    french: settlement.kind == .reallocation ? "réaffectation" : "remboursement aux donateurs"),
             .text(settlement.fund), .text(settlement.targetFund ?? (settlement.kind == .refund ? "donateurs" : nil)),
             .money(settlement.amount), .date(settlement.settledOn), .text(settlement.reference), .date(settlement.agreedOn),
             .text([settlement.outEntryID, settlement.inEntryID].compactMap { $0.map(String.init) }.joined(separator: ", "))]
        })
    }

    /// A refund's shares, per donor: what it gave, what it got back.
    public static func refundShares(_ shares: [FundSettlement.Share]) -> Table {
        Table(columns: [
            .init("donor", "Collectivité"), .init("gave", "A donné", alignment: .right),
            .init("refunded", "Remboursé", alignment: .right),
        ], rows: shares.map { share in [.text(share.donor), .money(share.gave), .money(share.refunded)] })
    }

    public static func donors(_ donors: [Donor]) -> Table {
        Table(columns: [
            .init("id", "N°", alignment: .right), .init("name", "Collectivité"), .init("kind", "Type"),
            .init("siren", "SIREN"),
        ], rows: donors.map { donor in
            [.integer(donor.id), .text(donor.name), .donorKind(donor.kind), .text(donor.siren)]
        })
    }

    /// A fund's donors with pledged, received, outstanding and last contribution.
    public static func donorTotals(_ totals: [DonorTotals]) -> Table {
        Table(columns: [
            .init("donor", "Collectivité"), .init("kind", "Type"),
            .init("pledged", "Promis", alignment: .right), .init("received", "Reçu", alignment: .right),
            .init("outstanding", "Reste attendu", alignment: .right),
            .init("written_off", "Abandonné", alignment: .right),
            .init("last_received_on", "Dernier versement"),
        ], rows: totals.map { row in
            [.text(row.donor), .donorKind(row.donorKind), .money(row.pledged), .money(row.received),
             .money(row.outstanding), .money(row.writtenOff), .date(row.lastReceivedOn)]
        })
    }

    public static func pledges(_ pledges: [PledgeStatus]) -> Table {
        Table(columns: [
            .init("id", "N°", alignment: .right), .init("fund", "Fonds"), .init("donor", "Collectivité"),
            .init("pledged_on", "Date"), .init("pledged", "Promis", alignment: .right),
            .init("received", "Reçu", alignment: .right), .init("written_off", "Abandonné", alignment: .right),
            .init("outstanding", "Reste attendu", alignment: .right), .init("status", "État"),
            .init("reference", "Référence"), .init("entry_id", "Écriture", alignment: .right),
        ], rows: pledges.map { pledge in
            [.integer(pledge.id), .text(pledge.fund), .text(pledge.donor), .date(pledge.pledgedOn),
             .money(pledge.pledged), .money(pledge.received), .money(pledge.writtenOff), .money(pledge.outstanding),
             .pledgeState(pledge.state), .text(pledge.reference), .integer(pledge.entryID)]
        })
    }

    public static func contributions(_ contributions: [Contribution]) -> Table {
        Table(columns: [
            .init("id", "N°", alignment: .right), .init("fund", "Fonds"), .init("donor", "Collectivité"),
            .init("received_on", "Date"), .init("amount", "Montant", alignment: .right),
            .init("applied_to_pledges", "Sur promesses", alignment: .right), .init("pledge_id", "Promesse", alignment: .right),
            .init("reference", "Référence"), .init("entry_id", "Écriture", alignment: .right),
            .init("reversed_by_entry_id", "Annulée par", alignment: .right),
        ], rows: contributions.map { contribution in
            [.integer(contribution.id), .text(contribution.fund), .text(contribution.donor),
             .date(contribution.receivedOn), .money(contribution.amount), .money(contribution.appliedToPledges),
             .integer(contribution.pledgeID), .text(contribution.reference), .integer(contribution.entryID),
             .integer(contribution.reversedByEntryID)]
        })
    }

    public static func disbursements(_ disbursements: [DisbursementListing]) -> Table {
        Table(columns: [
            .init("id", "N°", alignment: .right), .init("fund", "Fonds"), .init("project_id", "Projet", alignment: .right),
            .init("milestone_id", "Étape", alignment: .right), .init("paid_on", "Date"),
            .init("amount", "Montant", alignment: .right), .init("reference", "Référence"),
            .init("entry_id", "Écriture", alignment: .right), .init("reversed_by_entry_id", "Annulée par", alignment: .right),
        ], rows: disbursements.map { disbursement in
            [.integer(disbursement.id), .text(disbursement.fundCode),
             .integer(disbursement.projectID), .integer(disbursement.milestoneID), .date(disbursement.paidOn),
             .money(disbursement.amount), .text(disbursement.reference), .integer(disbursement.entryID),
             .integer(disbursement.reversedByEntryID)]
        })
    }

    public static func partners(_ partners: [Partner]) -> Table {
        Table(columns: [
            .init("id", "N°", alignment: .right), .init("name", "Partenaire"), .init("country", "Pays"),
        ], rows: partners.map { [.integer($0.id), .text($0.name), .text($0.country)] })
    }

    /// Projects, with their fund's code and partner's name.
    public static func projects(_ projects: [ProjectListing]) -> Table {
        Table(columns: [
            .init("id", "N°", alignment: .right), .init("fund", "Fonds"), .init("partner", "Partenaire"),
            .init("title", "Projet"), .init("budget", "Budget", alignment: .right),
        ], rows: projects.map { project in
            [.integer(project.id), .text(project.fundCode), .text(project.partner), .text(project.title),
             .money(project.budget)]
        })
    }

    public static func milestones(_ milestones: [Milestone]) -> Table {
        Table(columns: [
            .init("id", "N°", alignment: .right), .init("project_id", "Projet", alignment: .right),
            .init("title", "Étape"), .init("due_on", "Échéance"), .init("tranche", "Tranche", alignment: .right),
            .init("achieved_on", "Atteinte le"),
        ], rows: milestones.map { milestone in
            [.integer(milestone.id), .integer(milestone.projectID), .text(milestone.title), .date(milestone.dueOn),
             .money(milestone.tranche), .date(milestone.achievedOn)]
        })
    }
}

// The code for CSV and JSON, its French word (`FrenchLabels`) for people.
extension Table.Cell {
    static func fundStatus(_ status: Fund.Status) -> Table.Cell {
        .label(code: status.rawValue, french: FrenchLabels.fundStatus(status))
    }

    static func pledgeState(_ state: PledgeStatus.State) -> Table.Cell {
        .label(code: state.rawValue, french: FrenchLabels.pledgeState(state))
    }

    static func donorKind(_ kind: Donor.Kind) -> Table.Cell {
        .label(code: kind.rawValue, french: FrenchLabels.donorKind(kind))
    }
}
