import Ledger
import Postgres

/// Every project of every fund (or one fund) with its milestones, as of a day: due date,
/// achieved date or status, tranche planned and paid, days late.
///
/// As of the close of day D (the same rule as the quarterly report at the close of its last
/// day, see `MilestoneLateness`): a milestone is *achieved* when achieved on or before D, *late*
/// when due on or before D and not achieved by D, *planned* otherwise. Days late: D + 1 − due
/// date for a late milestone (1 when due on D), achieved − due date for one achieved after its
/// due date.
public struct MilestoneReport: Sendable {
    public enum Status: String, Sendable { case planned, achieved, late

        /// "prévue", "atteinte", "en retard".
        public var french: String {
            switch self {
            case .planned: "prévue"
            case .achieved: "atteinte"
            case .late: "en retard"
            }
        }
    }

    public struct Line: Sendable, Equatable {
        public var milestoneID: Int64
        public var title: String
        public var dueOn: CalendarDate
        /// Nil when not achieved by the report's day (an achievement recorded for a later day is not shown).
        public var achievedOn: CalendarDate?
        public var status: Status
        public var tranche: Money?
        /// Net of reversals, paid on or before the report's day.
        public var paid: Money
        public var daysLate: Int?
    }

    public struct ProjectSection: Sendable {
        public var id: Int64
        public var title: String
        public var partner: String
        public var budget: Money?
        public var milestones: [Line]
    }

    public struct FundSection: Sendable {
        public var code: String
        public var name: String
        public var projects: [ProjectSection]
    }

    public var asOf: CalendarDate
    public var fundFilter: String?
    public var funds: [FundSection]

    /// One row per milestone (a project without milestones gets one empty row), fund and project
    /// on every row: the CSV and JSON listing, and each fund's table.
    public func table(fund: String? = nil) -> Table {
        var table = Table(columns: [
            .init("fund", "Fonds"), .init("project_id", "N°", alignment: .right), .init("project", "Projet"),
            .init("partner", "Partenaire"), .init("milestone_id", "Étape n°", alignment: .right),
            .init("milestone", "Étape"), .init("due_on", "Échéance"), .init("status", "État"),
            .init("achieved_on", "Atteinte le"), .init("tranche", "Tranche prévue", alignment: .right),
            .init("paid", "Tranche versée", alignment: .right), .init("days_late", "Jours de retard", alignment: .right),
        ])
        for section in funds where fund == nil || section.code == fund {
            for project in section.projects {
                let head: [Table.Cell] = [.text(section.code), .integer(project.id), .text(project.title), .text(project.partner)]
                if project.milestones.isEmpty {
                    table.append(head + [.integer(nil), .text(nil), .date(nil), .text(nil), .date(nil), .money(nil), .money(nil), .integer(nil)])
                }
                for line in project.milestones {
                    table.append(head + [.integer(line.milestoneID), .text(line.title), .date(line.dueOn),
                                         .text(line.status.rawValue), .date(line.achievedOn), .money(line.tranche),
                                         .money(line.paid), .integer(line.daysLate.map(Int64.init))])
                }
            }
        }
        return table
    }

    /// One fund's table for people (table, markdown, html): the fund is the heading, statuses in French.
    public func peopleTable(fund code: String) -> Table {
        var fundTable = table(fund: code)
        fundTable.columns.removeFirst()
        fundTable.rows = fundTable.rows.map { row in
            var row = Array(row.dropFirst())
            if case .text(let status?) = row[6], let known = Status(rawValue: status) { row[6] = .text(known.french) }
            return row
        }
        return fundTable
    }

    /// For people (table, markdown): one heading and one table per fund, statuses in French.
    public func render(as format: OutputFormat) -> String {
        switch format {
        case .csv, .json:
            return TableRenderer.render(table(), as: format)
        case .table, .markdown:
            var out = format == .markdown
                ? "# Projets et étapes au \(FrenchText.date(asOf))\n\n" : "Projets et étapes au \(FrenchText.date(asOf))\n\n"
            if funds.isEmpty { out += "Aucun projet.\n" }
            for section in funds {
                out += format == .markdown ? "## \(section.code) — \(section.name)\n\n" : "\(section.code) — \(section.name)\n\n"
                let fundTable = peopleTable(fund: section.code)
                out += fundTable.rows.isEmpty ? "Aucun projet.\n\n" : TableRenderer.render(fundTable, as: format) + "\n"
            }
            return out
        }
    }
}

/// The one definition of "late" that both the milestone report (`--as-of D`) and the quarterly
/// report (D = the quarter's last day) use.
///
/// At the close of day D, a milestone is late when it is due on or before D and not achieved by
/// D. It is then D + 1 − due days late: it can be achieved on D + 1 at the earliest, and a
/// milestone achieved the day after its due date is 1 day late. So a milestone due on D and not
/// achieved is late by 1 day at the close of D.
public enum MilestoneLateness {
    /// Late at the close of `day`: due on or before it and not achieved by it.
    public static func isLate(dueOn: CalendarDate, achievedOn: CalendarDate?, atCloseOf day: CalendarDate) -> Bool {
        dueOn <= day && !(achievedOn.map { $0 <= day } ?? false)
    }

    /// Days a milestone not achieved by the close of `day` is late: `day` + 1 − due date.
    public static func daysLate(dueOn: CalendarDate, atCloseOf day: CalendarDate) -> Int {
        max(0, day.daysSinceEpoch + 1 - dueOn.daysSinceEpoch)
    }
}
