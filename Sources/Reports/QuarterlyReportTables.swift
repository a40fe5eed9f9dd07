import Ledger

/// The quarterly report's listings as `Table`s, shared by its Markdown, CSV and HTML forms.
public enum QuarterlyReportTables {
    /// One row per fund and a total row: every figure, recorded and reversed apart.
    public static func figures(_ report: QuarterlyReport) -> Table {
        var table = Table(columns: [
            .init("fund", "Fonds"), .init("quarter", "Trimestre"),
            .init("opening", "Solde d'ouverture", alignment: .right),
            .init("received_recorded", "Versements reçus", alignment: .right),
            .init("received_reversed", "Versements annulés", alignment: .right),
            .init("received", "Reçu (net)", alignment: .right),
            .init("disbursed_recorded", "Tranches versées", alignment: .right),
            .init("disbursed_reversed", "Tranches annulées", alignment: .right),
            .init("disbursed", "Versé (net)", alignment: .right),
            .init("reallocated_in", "Reçu d'autres fonds", alignment: .right),
            .init("reallocated_out", "Réaffecté à d'autres fonds", alignment: .right),
            .init("refunded", "Rendu aux donateurs", alignment: .right),
            .init("closing", "Solde de clôture", alignment: .right),
            .init("pledged_recorded", "Promesses votées", alignment: .right),
            .init("pledges_cancelled", "Promesses annulées", alignment: .right),
            .init("pledged", "Promis (net)", alignment: .right),
            .init("written_off", "Abandonné", alignment: .right),
            .init("outstanding_at_end", "Promesses en attente", alignment: .right),
            .init("donors", "Collectivités donatrices", alignment: .right),
            .init("new_donors", "dont nouvelles", alignment: .right),
        ])
        func row(_ label: String, _ f: QuarterlyReport.Figures) -> [Table.Cell] {
            [.text(label), .text(report.quarter.description), .money(f.opening), .money(f.receivedRecorded),
             .money(f.receivedReversed), .money(f.received), .money(f.disbursedRecorded), .money(f.disbursedReversed),
             .money(f.disbursed), .money(f.reallocatedIn), .money(f.reallocatedOut), .money(f.refunded),
             .money(f.closing), .money(f.pledgedRecorded), .money(f.pledgesCancelled),
             .money(f.pledged), .money(f.writtenOff), .money(f.outstandingAtEnd),
             .integer(Int64(f.donors)), .integer(Int64(f.newDonors))]
        }
        for fund in report.funds { table.append(row(fund.code, fund.figures)) }
        if report.fundFilter == nil { table.append(row("TOTAL", report.total)) }
        return table
    }

    /// The summary printed in the newsletter: the main figures, one row per fund and a total.
    public static func summary(_ report: QuarterlyReport) -> Table {
        var table = Table(columns: [
            .init("fund", "Fonds"), .init("opening", "Solde d'ouverture", alignment: .right),
            .init("received", "Reçu", alignment: .right), .init("disbursed", "Versé", alignment: .right),
            .init("closing", "Solde de clôture", alignment: .right), .init("pledged", "Promis", alignment: .right),
            .init("outstanding_at_end", "Promesses en attente", alignment: .right),
            .init("written_off", "Abandonné", alignment: .right),
            .init("donors", "Donateurs", alignment: .right), .init("new_donors", "Nouveaux", alignment: .right),
        ])
        func row(_ label: String, _ f: QuarterlyReport.Figures) -> [Table.Cell] {
            [.text(label), .money(f.opening), .money(f.received), .money(f.disbursed), .money(f.closing),
             .money(f.pledged), .money(f.outstandingAtEnd), .money(f.writtenOff),
             .integer(Int64(f.donors)), .integer(Int64(f.newDonors))]
        }
        for fund in report.funds { table.append(row(fund.code, fund.figures)) }
        if report.fundFilter == nil && report.funds.count > 1 { table.append(row("Total", report.total)) }
        return table
    }

    public static func milestones(_ lines: [QuarterlyReport.MilestoneLine], daysLate: ((QuarterlyReport.MilestoneLine) -> Int)? = nil) -> Table {
        var columns: [Table.Column] = [
            .init("fund", "Fonds"), .init("project", "Projet"), .init("partner", "Partenaire"),
            .init("milestone", "Étape"), .init("due_on", "Échéance"), .init("achieved_on", "Atteinte le"),
            .init("tranche", "Tranche prévue", alignment: .right), .init("paid", "Tranche versée", alignment: .right),
        ]
        if daysLate != nil { columns.append(.init("days_late", "Jours de retard", alignment: .right)) }
        var table = Table(columns: columns)
        for line in lines {
            var cells: [Table.Cell] = [.text(line.fund), .text(line.project), .text(line.partner), .text(line.title),
                                       .date(line.dueOn), .date(line.achievedOn), .money(line.tranche), .money(line.paid)]
            if let daysLate { cells.append(.integer(Int64(daysLate(line)))) }
            table.append(cells)
        }
        return table
    }

    public static func reversals(_ reversals: [QuarterlyReport.Reversal]) -> Table {
        var table = Table(columns: [
            .init("fund", "Fonds"), .init("entry_id", "Écriture", alignment: .right), .init("value_date", "Date"),
            .init("kind", "Nature"), .init("amount", "Montant", alignment: .right),
            .init("reverses_entry_id", "Annule l'écriture", alignment: .right),
            .init("reversed_value_date", "du"), .init("reversed_description", "Écriture annulée"),
            .init("description", "Motif"),
        ])
        for r in reversals {
            table.append([.text(r.fund), .integer(r.entryID), .date(r.valueDate), .text(r.kind.french),
                          .money(r.amount), .integer(r.reversedEntryID), .date(r.reversedValueDate),
                          .text(r.reversedDescription), .text(r.description)])
        }
        return table
    }
}
