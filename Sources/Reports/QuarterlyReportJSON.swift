import Ledger

/// The quarterly report as JSON: stable keys in a fixed order, amounts as integer cents
/// (`*_cents`) and French text (`*_formatted`; the chart's points in cents only), dates ISO 8601
/// (the ledger's JSON policy, see `LedgerJSON`).
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
                    ("opened_on", .string(fund.openedOn.iso)),
                    ("figures", figures(fund.figures)),
                    ("since_opening", .object(
                        JSONValue.money("received", fund.sinceOpening.received)
                        + JSONValue.money("disbursed", fund.sinceOpening.disbursed)
                        + JSONValue.money("reallocated_in", fund.sinceOpening.reallocatedIn)
                        + JSONValue.money("reallocated_out", fund.sinceOpening.reallocatedOut)
                        + JSONValue.money("refunded", fund.sinceOpening.refunded)
                        + [("donors", .integer(Int64(fund.sinceOpening.donors)))])),
                ] + JSONValue.money("committed_not_paid", fund.committedNotPaid)
                  + JSONValue.money("free_to_commit", fund.freeToCommit)
                  + JSONValue.money("intentions", fund.intentions) + [
                    ("intention_donors", .integer(Int64(fund.intentionDonors))),
                    ("narrative", .array(QuarterlyNarrative.paragraphs(for: fund, in: report).map { .string($0) })),
                    ("thanks", .string(fund.thanks)),
                ])
            })),
            ("milestones", .object([
                ("achieved", .array(report.achieved.map { milestone($0, daysLate: nil) })),
                ("due_next_quarter", .array(report.dueNextQuarter.map { milestone($0, daysLate: nil) })),
                ("late", .array(report.late.map { milestone($0, daysLate: report.daysLate($0)) })),
                ("owed", .array(report.owed.map { line in
                    milestone(line, daysLate: nil, extra: JSONValue.money("owed", line.owed(atCloseOf: report.quarter.end)))
                })),
                ("paid_early", .array(report.paidEarly.map { milestone($0, daysLate: nil) })),
            ])),
            ("reversals", .array(report.reversals.map { r in
                .object([
                    ("fund", .string(r.fund)), ("entry_id", .integer(r.entryID)), ("value_date", .string(r.valueDate.iso)),
                    ("kind", .string(r.kind.rawValue)),
                ] + JSONValue.money("amount", r.amount) + [
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
        let amounts: [(String, Money)] = [
            ("opening", f.opening),
            ("received_recorded", f.receivedRecorded), ("received_reversed", f.receivedReversed), ("received", f.received),
            ("disbursed_recorded", f.disbursedRecorded), ("disbursed_reversed", f.disbursedReversed), ("disbursed", f.disbursed),
            ("reallocated_in", f.reallocatedIn), ("reallocated_out", f.reallocatedOut), ("refunded", f.refunded),
            ("closing", f.closing),
            ("pledged_recorded", f.pledgedRecorded), ("pledges_cancelled", f.pledgesCancelled), ("pledged", f.pledged),
            ("written_off_recorded", f.writtenOffRecorded), ("write_offs_reversed", f.writeOffsReversed),
            ("written_off", f.writtenOff),
            ("outstanding_at_end", f.outstandingAtEnd),
        ]
        return .object(amounts.flatMap { JSONValue.money($0.0, $0.1) } + [
            ("donors", .int(f.donors)),
            ("new_donors", .int(f.newDonors)),
        ])
    }

    static func milestone(_ m: QuarterlyReport.MilestoneLine, daysLate: Int?, extra: [(String, JSONValue)] = []) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("fund", .string(m.fund)), ("project_id", .integer(m.projectID)), ("project", .string(m.project)),
            ("partner", .string(m.partner)), ("milestone_id", .integer(m.milestoneID)), ("title", .string(m.title)),
            ("due_on", .string(m.dueOn.iso)), ("achieved_on", .string(m.achievedOn?.iso)),
        ] + JSONValue.money("tranche", m.tranche) + JSONValue.money("paid", m.paid)
        if let daysLate { members.append(("days_late", .int(daysLate))) }
        return .object(members + extra)
    }
}
