import Foundation
import Ledger

/// A fund's quarter told in a few sentences, for the newsletter and the board: the money in and
/// out, the totals since the fund opened, where it stands, and the milestones its partners
/// reached with what each project does and whom it reaches (`fundledger project describe`).
///
/// Plain text in French typography (`FrenchTypography`); each renderer escapes it for its format.
/// Every figure is one the report's tables also print, so the story and the tables cannot disagree.
public enum QuarterlyNarrative {
    /// The paragraphs for `fund`: money first, then one per project with a milestone reached in
    /// the quarter.
    public static func paragraphs(for fund: QuarterlyReport.FundSection, in report: QuarterlyReport) -> [String] {
        var out = [money(fund, report.quarter)]
        let reached = report.achieved.filter { $0.fund == fund.code }
        var projectOrder: [Int64] = []
        for line in reached where !projectOrder.contains(line.projectID) { projectOrder.append(line.projectID) }
        for projectID in projectOrder {
            let milestones = reached.filter { $0.projectID == projectID }
            out.append(project(milestones, fund.projects.first { $0.id == projectID }))
        }
        return out.map(FrenchTypography.apply)
    }

    /// Received, paid, since opening, and where the fund stands at the quarter's end.
    static func money(_ fund: QuarterlyReport.FundSection, _ quarter: Quarter) -> String {
        let f = fund.figures, since = fund.sinceOpening
        var sentences: [String] = []
        // "Le fonds" opens the paragraph, "il" goes on.
        var subject: String { sentences.isEmpty ? "Le fonds" : "Il" }
        switch fund.status {
        case .closing: sentences.append("Le fonds est en cours de clôture.")
        case .closed: sentences.append("Le fonds est clos.")
        default: break
        }
        let opened = "Depuis son ouverture le \(FrenchText.date(fund.openedOn))"
        if since.received == .zero && since.disbursed == .zero && fund.settlementRows.isEmpty {
            sentences.append("\(opened), le fonds n'a encore reçu aucun versement.")
            if f.outstandingAtEnd > .zero {
                sentences.append("Les promesses en attente s'élèvent à \(f.outstandingAtEnd.newsletter).")
            }
            sentences += intentions(fund)
            return sentences.joined(separator: " ")
        }
        if f.received > .zero && f.donors > 0 {
            let news = f.newDonors == 0 ? ""
                : f.newDonors == f.donors ? (f.donors == 1 ? ", pour la première fois" : ", toutes pour la première fois")
                : ", dont \(f.newDonors == 1 ? "une" : String(f.newDonors)) pour la première fois"
            sentences.append(f.donors == 1
                ? "Ce trimestre, une collectivité a versé \(f.received.newsletter) au fonds\(news)."
                : "Ce trimestre, \(f.donors) collectivités ont versé \(f.received.newsletter) au fonds\(news).")
        } else {
            sentences.append("\(subject) n'a reçu aucun nouveau versement ce trimestre.")
        }
        sentences.append(f.disbursed > .zero
            ? "\(subject) a versé \(f.disbursed.newsletter) à ses partenaires."
            : "\(subject) n'a rien versé à ses partenaires ce trimestre.")
        sentences += fund.settlements.map(settlement)
        if since.received > .zero || since.reallocatedIn > .zero {
            let givers = since.donors == 1 ? "d'une collectivité" : "de \(since.donors) collectivités"
            sentences.append("\(opened), il a reçu \(since.received.newsletter) " + (since.donors > 0 ? "\(givers) " : "")
                + (since.disbursed > .zero ? "et versé \(since.disbursed.newsletter) à ses partenaires." : "et n'a encore rien versé."))
            // Settlements of earlier quarters (this quarter's are told above).
            var settled: [String] = []
            if since.reallocatedOut > f.reallocatedOut { settled.append("réaffecté \(since.reallocatedOut.newsletter) à d'autres fonds") }
            if since.refunded > f.refunded { settled.append("rendu \(since.refunded.newsletter) à ses donateurs") }
            if !settled.isEmpty {
                sentences.append("Avec l'accord de ses donateurs, il a aussi " + FrenchText.list(settled) + ".")
            }
            if since.reallocatedIn > f.reallocatedIn {
                sentences.append("Il a aussi reçu \(since.reallocatedIn.newsletter) d'autres fonds, réaffectés avec l'accord de leurs donateurs.")
            }
            var position = "Au \(FrenchText.date(quarter.end)), il dispose de \(f.closing.newsletter)"
            let committed = fund.committedNotPaid
            if committed > .zero {
                position += " ; \(committed.newsletter) sont engagés auprès des partenaires et restent à leur verser"
            }
            sentences.append(position + ".")
            if committed > .zero {
                let free = fund.freeToCommit
                sentences.append(free >= .zero
                    ? "\(free.newsletter) restent libres d'engagement."
                    : "Ses engagements dépassent de \((-free).newsletter) ce qu'il détient.")
            }
        } else {
            sentences.append("\(opened), il n'a encore reçu aucun versement.")
        }
        if f.outstandingAtEnd > .zero {
            sentences.append("Les promesses en attente s'élèvent à \(f.outstandingAtEnd.newsletter).")
        }
        sentences += intentions(fund)
        return sentences.joined(separator: " ")
    }

    /// One settlement of the quarter, in words: what moved, where, on whose agreement.
    static func settlement(_ line: QuarterlyReport.SettlementLine) -> String {
        let agreement = "\(line.reference) du \(FrenchText.date(line.agreedOn))"
        switch line.kind {
        case .reallocatedOut:
            return "Le \(FrenchText.date(line.on)), avec l'accord de ses donateurs (\(agreement)), il a réaffecté \(line.amount.newsletter) au fonds « \(QuarterlyReport.shortName(of: line.counterpart ?? "")) »."
        case .reallocatedIn:
            return "Le \(FrenchText.date(line.on)), il a reçu \(line.amount.newsletter) du fonds « \(QuarterlyReport.shortName(of: line.counterpart ?? "")) », réaffectés avec l'accord des donateurs de ce fonds (\(agreement))."
        case .refund:
            let whom = line.donors == 1 ? "à la collectivité qui l'avait alimenté" : "à ses \(line.donors) collectivités donatrices, au prorata de leurs dons"
            return "Le \(FrenchText.date(line.on)), sur décision \(agreement), il a rendu \(line.amount.newsletter) \(whom)."
        }
    }

    /// "3 collectivités ont annoncé leur intention de donner 9 000 €, en attente de leur vote."
    static func intentions(_ fund: QuarterlyReport.FundSection) -> [String] {
        guard fund.intentions > .zero else { return [] }
        return [fund.intentionDonors == 1
            ? "Une collectivité a annoncé son intention de donner \(fund.intentions.newsletter), en attente de son vote."
            : "\(fund.intentionDonors) collectivités ont annoncé leur intention de donner \(fund.intentions.newsletter), en attente de leur vote."]
    }

    /// "Super Novae — « Distribution d'eau potable ». L'ONG … Bénéficiaires : environ 3 000
    /// personnes. Étape franchie le 20 février 2026 : « … »."
    static func project(_ milestones: [QuarterlyReport.MilestoneLine], _ project: QuarterlyReport.ProjectLine?) -> String {
        let first = milestones[0]
        var text = "\(first.partner) — « \(first.project) »."
        if let description = project?.description { text += " " + sentence(description) }
        if let beneficiaries = project?.beneficiaries {
            text += " Bénéficiaires : " + beneficiaries.trimmingCharacters(in: .whitespaces)
            if let last = text.last, !".!?…".contains(last) { text += "." }
        }
        for milestone in milestones {
            // Quoted as typed: a title's first word may be a name, so its case is left alone.
            text += " Étape franchie le \(milestone.achievedOn.map(FrenchText.date) ?? "") : « \(milestone.title) »."
        }
        return text
    }

    /// The text with a capital first letter and a closing full stop (unless it ends with one).
    static func sentence(_ text: String) -> String {
        var out = text.trimmingCharacters(in: .whitespaces)
        if let first = out.first, first.isLowercase { out = first.uppercased() + out.dropFirst() }
        if let last = out.last, !".!?…".contains(last) { out += "." }
        return out
    }
}
