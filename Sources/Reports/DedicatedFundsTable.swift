import Ledger

/// The table of changes in fonds dédiés the notes to the accounts require (règlement ANC
/// 2018-06): per fund, opening, added, used, transferred, closing; a total row; in Markdown,
/// HTML (a page) or CSV.
public enum DedicatedFundsTable {
    public static func table(_ lines: [DedicatedFunds], year: Int) -> Table {
        var table = Table(columns: [
            .init("fund", "Fonds"),
            .init("opening", "Au 1er janvier \(year)", alignment: .right),
            .init("added", "Reports de l’exercice", alignment: .right),
            .init("used", "Utilisations", alignment: .right),
            .init("transferred", "Transferts", alignment: .right),
            .init("closing", "Au 31 décembre \(year)", alignment: .right),
        ])
        for line in lines {
            table.append([.text(line.fund), .money(line.opening), .money(line.added), .money(line.used),
                          .money(line.transferred), .money(line.closing)])
        }
        if lines.count > 1 {
            func sum(_ value: (DedicatedFunds) -> Money) -> Money { lines.reduce(.zero) { $0 + value($1) } }
            table.append([.text("Total"), .money(sum(\.opening)), .money(sum(\.added)), .money(sum(\.used)),
                          .money(sum(\.transferred)), .money(sum(\.closing))])
        }
        return table
    }

    public static func render(_ lines: [DedicatedFunds], year: Int, as format: OutputFormat) -> String {
        let title = "Variation des fonds dédiés — exercice \(year)"
        let table = table(lines, year: year)
        switch format {
        case .csv, .json: return TableRenderer.render(table, as: format)
        case .markdown: return FrenchTypography.apply("## \(title)\n\n") + TableRenderer.markdown(table)
        case .table: return FrenchTypography.apply(title + "\n\n") + TableRenderer.text(table)
        }
    }

    public static func html(_ lines: [DedicatedFunds], year: Int) -> String {
        HTMLPage.render(title: "Variation des fonds dédiés — exercice \(year)",
                        subtitle: "Règlement ANC 2018-06 : ressources affectées non utilisées à la clôture",
                        body: HTMLText.table(table(lines, year: year)))
    }
}
