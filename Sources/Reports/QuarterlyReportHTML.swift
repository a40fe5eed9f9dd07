import Ledger

/// The quarterly report as one self-contained, printable HTML page: inline CSS and an inline
/// SVG chart of received vs disbursed per fund and per quarter; no script, no external asset.
/// The page is also well-formed XML (XHTML serialization), and every text is escaped.
public enum QuarterlyReportHTML {
    public static let receivedColor = "#2e7d32"
    public static let disbursedColor = "#1565c0"

    public static func render(_ report: QuarterlyReport) -> String {
        let q = report.quarter
        let title = "Fonds de solidarité — rapport du \(q.french)"
        let period = "Du \(FrenchText.date(q.start)) au \(FrenchText.date(q.end)) · "
            + (report.fundFilter.map { "fonds \($0)" } ?? "tous les fonds")
        var out = ""

        out += "<section>\n<h2>Reçu et versé, par fonds et par trimestre</h2>\n<figure>\n"
        out += chart(report).render() + "\n"
        out += "<figcaption>\(HTMLText.escape("Montants nets des annulations, du \(report.chartQuarters.first.map { FrenchText.date($0.start) } ?? "") au \(FrenchText.date(q.end)). Les montants sont aussi dans les tableaux ci-dessous."))</figcaption>\n"
        out += "</figure>\n</section>\n"

        out += "<section>\n<h2>Synthèse</h2>\n"
        out += HTMLText.table(QuarterlyReportTables.summary(report))
        out += "<p class=\"note\">\(HTMLText.escape(QuarterlyReportMarkdown.note(report)))</p>\n</section>\n"

        for fund in report.funds {
            let f = fund.figures
            out += "<section class=\"fund\">\n<h2>\(HTMLText.escape("\(fund.code) — \(fund.name)"))</h2>\n<table class=\"figures\">\n<tbody>\n"
            let rows: [(String, Money, String)] = [
                ("Solde au \(FrenchText.date(q.start))", f.opening, ""),
                ("Reçu au cours du trimestre", f.received, QuarterlyReportMarkdown.detail(f.receivedRecorded, f.receivedReversed, "versements enregistrés", "annulés")),
                ("Versé aux partenaires", f.disbursed, QuarterlyReportMarkdown.detail(f.disbursedRecorded, f.disbursedReversed, "tranches versées", "annulées")),
            ] + QuarterlyReportMarkdown.settlementLines(fund).map { ($0.label, $0.amount, $0.detail) } + [
                ("Solde au \(FrenchText.date(q.end))", f.closing, ""),
                ("Promesses votées au cours du trimestre", f.pledged, QuarterlyReportMarkdown.detail(f.pledgedRecorded, f.pledgesCancelled, "votées", "annulées")),
                ("Promesses abandonnées", f.writtenOff, QuarterlyReportMarkdown.detail(f.writtenOffRecorded, f.writeOffsReversed, "abandons", "annulés")),
                ("Promesses en attente au \(FrenchText.date(q.end))", f.outstandingAtEnd, ""),
            ]
            for (label, amount, detail) in rows {
                out += "<tr><th scope=\"row\">\(HTMLText.escape(label))</th><td class=\"num\">\(HTMLText.escape(amount.french))</td><td class=\"detail\">\(HTMLText.escape(String(detail.trimmingPrefix(" "))))</td></tr>\n"
            }
            out += "<tr><th scope=\"row\">Collectivités donatrices du trimestre</th><td class=\"num\">\(f.donors)</td><td class=\"detail\">\(HTMLText.escape(String(QuarterlyReportMarkdown.newDonors(f).dropFirst(2))))</td></tr>\n"
            out += "</tbody>\n</table>\n"
            if let thanks = fund.thanks { out += "<p class=\"thanks\">\(HTMLText.escape(thanks))</p>\n" }
            out += "</section>\n"
        }

        out += "<section>\n<h2>Projets et étapes</h2>\n"
        out += milestoneSection("Étapes atteintes au cours du trimestre", report.achieved, nil)
        out += milestoneSection("Étapes à échéance au \(q.next.french)", report.dueNextQuarter, nil)
        out += milestoneSection("Étapes en retard au \(FrenchText.date(q.end))", report.late, report.daysLate)
        out += "</section>\n"

        out += "<section>\n<h2>\(HTMLText.escape("Points d’attention au \(FrenchText.date(q.end))"))</h2>\n"
        out += report.flags.isEmpty
            ? HTMLPage.paragraph("Aucun : chaque étape atteinte est payée, aucune tranche n’a devancé son étape.")
            : "<ul class=\"flags\">\n" + report.flags.map { "<li>\(HTMLText.escape($0))</li>\n" }.joined() + "</ul>\n"
        out += "</section>\n"

        out += "<section>\n<h2>Annulations du trimestre</h2>\n"
        if report.reversals.isEmpty {
            out += "<p>Aucune écriture annulée au cours du trimestre.</p>\n"
        } else {
            out += "<p>Chaque annulation est une écriture inverse ; l'écriture d'origine reste au journal.</p>\n"
            out += HTMLText.table(QuarterlyReportTables.reversals(report.reversals))
        }
        out += "</section>\n"
        out += "<footer><p>Chiffres tirés du grand livre de FundLedger (totaux journaliers par compte). Montants en euros.</p></footer>\n"
        return HTMLPage.render(title: title, subtitle: period, body: out)
    }

    static func milestoneSection(_ title: String, _ lines: [QuarterlyReport.MilestoneLine],
                                 _ daysLate: ((QuarterlyReport.MilestoneLine) -> Int)?) -> String {
        let out = "<h3>\(HTMLText.escape(title))</h3>\n"
        if lines.isEmpty { return out + "<p>Aucune.</p>\n" }
        return out + HTMLText.table(QuarterlyReportTables.milestones(lines, daysLate: daysLate))
    }

    /// One group per fund (labelled with its code, or `label`), one cluster per quarter, bars
    /// received and disbursed.
    public static func chart(_ report: QuarterlyReport,
                             label: (QuarterlyReport.FundSection) -> String = \.code) -> SVGBarChart {
        let groups = report.funds.map { fund in
            SVGBarChart.Group(label: label(fund), clusters: report.chart.filter { $0.fund == fund.code }.map { point in
                SVGBarChart.Cluster(label: point.quarter.short, values: [point.received.cents, point.disbursed.cents])
            })
        }
        return SVGBarChart(
            title: "Reçu et versé par fonds et par trimestre",
            series: [.init(name: "Reçu", color: receivedColor), .init(name: "Versé", color: disbursedColor)],
            groups: groups,
            format: { cents in Money(cents: cents - cents % 100).newsletter })
    }

    static let style = """
        body { font-family: "Helvetica Neue", Arial, sans-serif; color: #222; margin: 2em auto; max-width: 60em; padding: 0 1em; }
        h1 { font-size: 1.6em; margin-bottom: 0.2em; }
        h2 { font-size: 1.25em; border-bottom: 1px solid #999; padding-bottom: 0.2em; margin-top: 1.6em; }
        h3 { font-size: 1.05em; }
        .period { color: #555; margin-top: 0; }
        table { border-collapse: collapse; width: 100%; margin: 0.6em 0; font-size: 0.9em; }
        th, td { border: 1px solid #bbb; padding: 0.25em 0.45em; text-align: left; vertical-align: top; }
        thead th { background: #eee; }
        .num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
        table.figures { width: auto; }
        table.figures th { font-weight: normal; background: #f6f6f6; }
        .detail { color: #555; }
        .thanks { font-style: italic; }
        .note, figcaption, footer { color: #555; font-size: 0.85em; }
        figure { margin: 0.5em 0; }
        svg.chart { max-width: 100%; height: auto; font-family: inherit; }
        @media print {
            body { margin: 0; max-width: none; font-size: 10pt; }
            section, table, figure { page-break-inside: avoid; break-inside: avoid; }
            h2 { page-break-after: avoid; break-after: avoid; }
        }
        """
}
