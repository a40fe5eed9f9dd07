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

        /// "prévue", "atteinte", "en retard" (`FrenchLabels`).
        public var french: String { FrenchLabels.milestoneStatus(rawValue) }
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

        /// Achieved by the report's day with its tranche not all paid: what the fund owes the
        /// partner (a charge à payer at the year's end). Nil otherwise.
        public var owed: Money? { MilestoneFlags.owed(tranche: tranche, paid: paid, achieved: status == .achieved) }

        /// Something paid for it while it is not achieved by the report's day: a tranche paid
        /// before its milestone.
        public var paidEarly: Bool { MilestoneFlags.paidEarly(paid: paid, achieved: status == .achieved) }

        /// The flags for people: "étape atteinte, tranche non versée : 40 000,00 € dus" and
        /// "tranche versée avant l'étape : 8 000,00 € versés" (`MilestoneFlags`).
        public var flags: [String] {
            MilestoneFlags.describe(title: title, owed: owed, paidEarly: paidEarly ? paid : nil)
        }
    }

    public struct ProjectSection: Sendable {
        public var id: Int64
        public var title: String
        public var partner: String
        public var budget: Money?
        /// Every disbursement to the project on or before the report's day, net of reversals,
        /// whether tied to a milestone or not (so it may exceed the milestones' paid column).
        public var paid: Money
        public var milestones: [Line]

        /// The tranches of its milestones (those without a tranche count for nothing).
        public var planned: Money { milestones.reduce(.zero) { $0 + ($1.tranche ?? .zero) } }

        /// What is left to pay the partner: of the budget, the fund's commitment to the project,
        /// when there is one; else of the tranches planned. Negative when more was paid.
        public var remaining: Money { (budget ?? planned) - paid }
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
            .init("owed", "Tranche due", alignment: .right), .init("paid_early", "Versée avant l'étape"),
        ])
        for section in funds where fund == nil || section.code == fund {
            for project in section.projects {
                let head: [Table.Cell] = [.text(section.code), .integer(project.id), .text(project.title), .text(project.partner)]
                if project.milestones.isEmpty {
                    table.append(head + [.integer(nil), .text(nil), .date(nil), .text(nil), .date(nil), .money(nil), .money(nil), .integer(nil),
                                         .money(nil), .boolean(nil)])
                }
                for line in project.milestones {
                    table.append(head + [.integer(line.milestoneID), .text(line.title), .date(line.dueOn),
                                         .text(line.status.rawValue), .date(line.achievedOn), .money(line.tranche),
                                         .money(line.paid), .integer(line.daysLate.map(Int64.init)),
                                         .money(line.owed), .boolean(line.paidEarly)])
                }
            }
        }
        return table
    }

    /// For people (table, markdown): per fund, per project a header (partner, budget, tranches
    /// planned, paid, remaining) and its milestones beneath (`MilestoneReportText`); for programs
    /// (csv, json) the wide listing, one row per milestone (`table()`).
    public func render(as format: OutputFormat) -> String {
        switch format {
        case .csv, .json: TableRenderer.render(table(), as: format)
        case .table, .markdown: MilestoneReportText.render(self, markdown: format == .markdown)
        }
    }

    /// A project's figures for people, one row: budget, tranches planned, paid, remaining.
    public static func figuresTable(_ project: ProjectSection) -> Table {
        Table(columns: [
            .init("budget", "Budget", alignment: .right), .init("planned", "Tranches prévues", alignment: .right),
            .init("paid", "Versé", alignment: .right), .init("remaining", "Reste à verser", alignment: .right),
        ], rows: [[.money(project.budget), .money(project.planned), .money(project.paid), .money(project.remaining)]])
    }

    /// A project's milestones for people: title, due date, state in French (with the days late
    /// when late, which the wide listing has in a column of its own), tranche, paid.
    public static func milestonesTable(_ project: ProjectSection) -> Table {
        Table(columns: [
            .init("milestone", "Étape"), .init("due_on", "Échéance"), .init("status", "État"),
            .init("tranche", "Tranche", alignment: .right), .init("paid", "Versé", alignment: .right),
        ], rows: project.milestones.map { line in
            let state = FrenchLabels.milestoneStatus(line.status.rawValue)
            let french = line.status == .late ? line.daysLate.map { "\(state) (\($0) j)" } ?? state : state
            return [.text(line.title), .date(line.dueOn), .label(code: line.status.rawValue, french: french),
                    .money(line.tranche), .money(line.paid)]
        })
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
