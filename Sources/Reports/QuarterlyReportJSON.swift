import Ledger

/// The quarterly report as JSON: stable keys in a fixed order, amounts as integer cents
/// (`*_cents`), dates ISO 8601.
public enum QuarterlyReportJSON {
    public static func render(_ report: QuarterlyReport) -> String {
        value(report).rendered() + "\n"
    }

    public static func value(_ report: QuarterlyReport) -> JSONValue {
        .object([
            ("quarter", .string(report.quarter.description)),
            ("start", .string(report.quarter.start.iso)),
            ("end", .string(report.quarter.end.iso)),
            ("fund", .string(report.fundFilter)),
            ("currency", .string("EUR")),
            ("total", figures(report.total)),
            ("funds", .array(report.funds.map { fund in
                .object([
                    ("code", .string(fund.code)), ("name", .string(fund.name)),
                    ("status", .string(fund.status.rawValue)),
                    ("figures", figures(fund.figures)),
                    ("thanks", .string(fund.thanks)),
                ])
            })),
            ("milestones", .object([
                ("achieved", .array(report.achieved.map { milestone($0, daysLate: nil) })),
                ("due_next_quarter", .array(report.dueNextQuarter.map { milestone($0, daysLate: nil) })),
                ("late", .array(report.late.map { milestone($0, daysLate: report.daysLate($0)) })),
            ])),
            ("reversals", .array(report.reversals.map { r in
                .object([
                    ("fund", .string(r.fund)), ("entry_id", .integer(r.entryID)), ("value_date", .string(r.valueDate.iso)),
                    ("kind", .string(r.kind.rawValue)), ("amount_cents", .integer(r.amount.cents)),
                    ("description", .string(r.description)), ("reverses_entry_id", .integer(r.reversedEntryID)),
                    ("reversed_value_date", .string(r.reversedValueDate.iso)),
                    ("reversed_description", .string(r.reversedDescription)),
                ])
            })),
            ("chart", .array(report.chart.map { point in
                .object([
                    ("fund", .string(point.fund)), ("quarter", .string(point.quarter.description)),
                    ("received_cents", .integer(point.received.cents)),
                    ("disbursed_cents", .integer(point.disbursed.cents)),
                ])
            })),
        ])
    }

    static func figures(_ f: QuarterlyReport.Figures) -> JSONValue {
        .object([
            ("opening_cents", .integer(f.opening.cents)),
            ("received_recorded_cents", .integer(f.receivedRecorded.cents)),
            ("received_reversed_cents", .integer(f.receivedReversed.cents)),
            ("received_cents", .integer(f.received.cents)),
            ("disbursed_recorded_cents", .integer(f.disbursedRecorded.cents)),
            ("disbursed_reversed_cents", .integer(f.disbursedReversed.cents)),
            ("disbursed_cents", .integer(f.disbursed.cents)),
            ("closing_cents", .integer(f.closing.cents)),
            ("pledged_recorded_cents", .integer(f.pledgedRecorded.cents)),
            ("pledges_cancelled_cents", .integer(f.pledgesCancelled.cents)),
            ("pledged_cents", .integer(f.pledged.cents)),
            ("written_off_recorded_cents", .integer(f.writtenOffRecorded.cents)),
            ("write_offs_reversed_cents", .integer(f.writeOffsReversed.cents)),
            ("written_off_cents", .integer(f.writtenOff.cents)),
            ("outstanding_at_end_cents", .integer(f.outstandingAtEnd.cents)),
            ("donors", .int(f.donors)),
            ("new_donors", .int(f.newDonors)),
        ])
    }

    static func milestone(_ m: QuarterlyReport.MilestoneLine, daysLate: Int?) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("fund", .string(m.fund)), ("project_id", .integer(m.projectID)), ("project", .string(m.project)),
            ("partner", .string(m.partner)), ("milestone_id", .integer(m.milestoneID)), ("title", .string(m.title)),
            ("due_on", .string(m.dueOn.iso)), ("achieved_on", .string(m.achievedOn?.iso)),
            ("tranche_cents", .integer(m.tranche?.cents)), ("paid_cents", .integer(m.paid.cents)),
        ]
        if let daysLate { members.append(("days_late", .int(daysLate))) }
        return .object(members)
    }
}
