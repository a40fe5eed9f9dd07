import Ledger

/// A `DonorStatement` as a letter (table, markdown), a listing (csv) or a document (json).
public enum DonorStatementRenderer {
    public static func linesTable(_ statement: DonorStatement) -> Table {
        var table = Table(columns: [
            .init("fund", "Fonds"), .init("date", "Date"), .init("kind", "Nature"), .init("id", "N°", alignment: .right),
            .init("reference", "Référence"), .init("amount", "Montant", alignment: .right),
            .init("outstanding", "Reste attendu", alignment: .right), .init("state", "État"),
            .init("entry_id", "Écriture", alignment: .right), .init("reversed_by_entry_id", "Annulée par", alignment: .right),
        ])
        for line in statement.lines {
            table.append([.text(line.fund), .date(line.date), .text(line.kind.french), .integer(line.id),
                          .text(line.reference), .money(line.amount), .money(line.outstanding), .text(line.frenchState),
                          .integer(line.entryID), .integer(line.reversedByEntryID)])
        }
        return table
    }

    /// Per fund: pledged, paid, still expected; and what the fund gave back, a column only when
    /// some fund did (a refund to the donors is rare, and a letter is read on a 600 px column).
    public static func fundsTable(_ statement: DonorStatement) -> Table {
        let refunds = statement.funds.contains { $0.refunded != .zero }
        var table = Table(columns: [
            .init("fund", "Fonds"), .init("name", "Nom"), .init("pledged", "Promis", alignment: .right),
            .init("received", "Versé", alignment: .right), .init("outstanding", "Reste attendu à ce jour", alignment: .right),
        ] + (refunds ? [.init("refunded", "Rendu", alignment: .right)] : []))
        for fund in statement.funds {
            table.append([.text(fund.fund), .text(fund.name), .money(fund.pledged), .money(fund.received), .money(fund.outstanding)]
                         + (refunds ? [.money(fund.refunded)] : []))
        }
        return table
    }

    public static func achievementsTable(_ statement: DonorStatement) -> Table {
        var table = Table(columns: [
            .init("fund", "Fonds"), .init("project", "Projet"), .init("partner", "Partenaire"),
            .init("milestone", "Étape atteinte"), .init("achieved_on", "Le"), .init("paid", "Tranche versée", alignment: .right),
        ])
        for a in statement.achievements {
            table.append([.text(a.fund), .text(a.project), .text(a.partner), .text(a.milestone), .date(a.achievedOn), .money(a.paid)])
        }
        return table
    }

    public static func render(_ statement: DonorStatement, as format: OutputFormat) -> String {
        switch format {
        case .csv:
            return TableRenderer.csv(linesTable(statement))
        case .json:
            return JSONValue.object([
                ("donor", .string(statement.donor)), ("donor_kind", .string(statement.donorKind.rawValue)),
                ("year", statement.year.map { .int($0) } ?? .null), ("currency", .string("EUR")),
                ("lines", .array(statement.lines.map { l in
                    .object([("fund", .string(l.fund)), ("date", .string(l.date.iso)), ("kind", .string(l.kind.rawValue)),
                             ("id", .integer(l.id)), ("reference", .string(l.reference))]
                            + JSONValue.money("amount", l.amount) + JSONValue.money("outstanding", l.outstanding)
                            + [("state", .string(l.state)),
                               ("entry_id", .integer(l.entryID)), ("reversed_by_entry_id", .integer(l.reversedByEntryID))])
                })),
                ("funds", .array(statement.funds.map { f in
                    .object([("fund", .string(f.fund)), ("name", .string(f.name))]
                            + JSONValue.money("pledged", f.pledged) + JSONValue.money("received", f.received)
                            + JSONValue.money("outstanding", f.outstanding) + JSONValue.money("refunded", f.refunded))
                })),
                ("achievements", .array(statement.achievements.map { a in
                    .object([("fund", .string(a.fund)), ("project", .string(a.project)), ("partner", .string(a.partner)),
                             ("milestone", .string(a.milestone)), ("achieved_on", .string(a.achievedOn.iso))]
                            + JSONValue.money("paid", a.paid))
                })),
            ]).rendered() + "\n"
        case .table, .markdown:
            let md = format == .markdown
            func heading(_ text: String, _ level: Int) -> String {
                md ? String(repeating: "#", count: level) + " " + text + "\n\n" : text + "\n" + String(repeating: level == 1 ? "=" : "-", count: text.count) + "\n\n"
            }
            var out = heading("Relevé de \(statement.donor) — \(statement.period)", 1)
            let received = statement.funds.reduce(Money.zero) { $0 + $1.received }
            let outstanding = statement.funds.reduce(Money.zero) { $0 + $1.outstanding }
            out += "Versé \(statement.period) : \(received.french). Reste attendu à ce jour sur vos promesses : \(outstanding.french).\n\n"
            out += heading("Par fonds", 2)
            out += statement.funds.isEmpty ? "Aucune promesse ni aucun versement.\n\n" : TableRenderer.render(fundsTable(statement), as: format) + "\n"
            out += heading("Vos promesses et versements", 2)
            out += statement.lines.isEmpty ? "Aucun.\n\n" : TableRenderer.render(linesTable(statement), as: format) + "\n"
            out += heading("Ce que les fonds que vous soutenez ont permis", 2)
            out += statement.achievements.isEmpty ? "Aucune étape atteinte sur la période.\n"
                : TableRenderer.render(achievementsTable(statement), as: format)
            // For people: French typography (widths kept, so the tables stay aligned).
            return FrenchTypography.apply(out)
        }
    }
}
