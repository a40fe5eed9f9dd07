import Ledger

/// The quarterly report in Markdown, ready for the newsletter: French amounts (`1 234,56 €`),
/// French dates (`31 mars 2026`), the thanks paragraph of each fund.
public enum QuarterlyReportMarkdown {
    public static func render(_ report: QuarterlyReport) -> String {
        let q = report.quarter
        var out = "# Fonds de solidarité — rapport du \(q.french)\n\n"
        out += "Du \(FrenchText.date(q.start)) au \(FrenchText.date(q.end)) · \(report.fundFilter.map { "fonds \($0)" } ?? "tous les fonds").\n\n"

        out += "## Synthèse\n\n"
        out += TableRenderer.markdown(QuarterlyReportTables.summary(report)) + "\n"
        out += note(report) + "\n\n"

        for fund in report.funds {
            let f = fund.figures
            out += "## \(fund.code) — \(fund.name)\n\n"
            out += "- Solde au \(FrenchText.date(q.start)) : \(f.opening.french)\n"
            out += "- Reçu au cours du trimestre : \(f.received.french)\(detail(f.receivedRecorded, f.receivedReversed, "versements enregistrés", "annulés"))\n"
            out += "- Versé aux partenaires : \(f.disbursed.french)\(detail(f.disbursedRecorded, f.disbursedReversed, "tranches versées", "annulées"))\n"
            for line in settlementLines(fund) { out += "- \(line.label) : \(line.amount.french)\(line.detail)\n" }
            out += "- Solde au \(FrenchText.date(q.end)) : \(f.closing.french)\n"
            out += "- Promesses votées au cours du trimestre : \(f.pledged.french)\(detail(f.pledgedRecorded, f.pledgesCancelled, "votées", "annulées"))\n"
            out += "- Promesses abandonnées : \(f.writtenOff.french)\(detail(f.writtenOffRecorded, f.writeOffsReversed, "abandons", "annulés"))\n"
            out += "- Promesses en attente au \(FrenchText.date(q.end)) : \(f.outstandingAtEnd.french)\n"
            out += "- Collectivités donatrices du trimestre : \(f.donors)\(newDonors(f))\n\n"
            if let thanks = fund.thanks { out += thanks + "\n\n" }
        }

        out += "## Projets et étapes\n\n"
        out += section("Étapes atteintes au cours du trimestre", report.achieved.isEmpty ? nil
                       : TableRenderer.markdown(QuarterlyReportTables.milestones(report.achieved)))
        out += section("Étapes à échéance au \(q.next.french)", report.dueNextQuarter.isEmpty ? nil
                       : TableRenderer.markdown(QuarterlyReportTables.milestones(report.dueNextQuarter)))
        out += section("Étapes en retard au \(FrenchText.date(q.end))", report.late.isEmpty ? nil
                       : TableRenderer.markdown(QuarterlyReportTables.milestones(report.late, daysLate: report.daysLate)))

        out += "## Points d’attention au \(FrenchText.date(q.end))\n\n"
        out += report.flags.isEmpty ? "Aucun : chaque étape atteinte est payée, aucune tranche n’a devancé son étape.\n\n"
            : report.flags.map { "- " + $0 }.joined(separator: "\n") + "\n\n"

        out += "## Annulations du trimestre\n\n"
        if report.reversals.isEmpty {
            out += "Aucune écriture annulée au cours du trimestre.\n"
        } else {
            out += "Chaque annulation est une écriture inverse ; l'écriture d'origine reste au journal.\n\n"
            out += TableRenderer.markdown(QuarterlyReportTables.reversals(report.reversals))
        }
        return out
    }

    /// The quarter's settlement lines of a fund's sheet (only those not zero), with the
    /// agreements they rest on.
    static func settlementLines(_ fund: QuarterlyReport.FundSection) -> [(label: String, amount: Money, detail: String)] {
        func agreements(_ kind: QuarterlyReport.SettlementLine.Kind) -> String {
            let lines = fund.settlements.filter { $0.kind == kind }
            guard !lines.isEmpty else { return "" }
            return " (" + lines.map { line in
                (line.counterpart.map { "fonds « \($0) », " } ?? "") + "\(line.reference) du \(FrenchText.date(line.agreedOn))"
            }.joined(separator: " ; ") + ")"
        }
        return fund.settlementFigures.filter { $0.quarter != .zero }.map { ($0.label, $0.quarter, agreements($0.kind)) }
    }

    /// " (versements enregistrés 1 000,00 €, annulés 200,00 €)" when something was reversed.
    static func detail(_ recorded: Money, _ reversed: Money, _ recordedLabel: String, _ reversedLabel: String) -> String {
        reversed == .zero ? "" : " (\(recordedLabel) \(recorded.french), \(reversedLabel) \(reversed.french))"
    }

    /// ", dont 2 nouvelles" / ", dont 1 nouvelle" / "" when none is new.
    static func newDonors(_ f: QuarterlyReport.Figures) -> String {
        f.newDonors == 0 ? "" : ", dont \(FrenchText.count(f.newDonors, singular: "nouvelle", plural: "nouvelles"))"
    }

    /// What the summary's figures mean.
    static func note(_ report: QuarterlyReport) -> String {
        var text = "Solde de clôture = solde d'ouverture + reçu − versé. Montants nets des annulations, détaillées plus bas. "
            + "Donateurs : collectivités ayant versé au cours du trimestre ; nouveaux : premier versement au fonds"
        if report.fundFilter == nil && report.funds.count > 1 {
            text += " (pour le total, premier versement à l'un des fonds)"
        }
        return text + "."
    }

    static func section(_ title: String, _ body: String?) -> String {
        "### \(title)\n\n" + (body.map { $0 + "\n" } ?? "Aucune.\n\n")
    }
}
