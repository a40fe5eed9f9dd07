import Foundation
import Ledger
import Postgres

/// What a bank run writes into: four funds (`BKZ` is the one that closes during the run), a
/// dozen donors, a project per fund, pledges (for write-offs), set up by the schema's owner.
/// Operations are dated in a window of `window` days ending today (the ledger's day); the
/// period is closed through `closeThrough`, the window's middle, half-way through the run.
public struct BankLedger: Sendable {
    public static let funds = ["BKA", "BKB", "BKC", "BKZ"]
    /// The fund that is settled (refunded, its pledges written off) and closed during the run.
    public static let closingFund = "BKZ"
    public static let window = 40

    public let donors: [String]
    /// The project of each fund, for disbursements.
    public let projects: [String: Int64]
    /// Every pledge, with its fund.
    public let pledges: [(id: Int64, fund: String)]
    public let today: CalendarDate
    public let closeThrough: CalendarDate

    /// A day of the window: `today` minus 0 to `window` − 1 days.
    public func day(_ rng: inout SplitMix64) -> CalendarDate {
        today.adding(days: -rng.int(0..<Self.window))
    }

    /// Sets the ledger up through `store` (the owner's), then returns what the writers need.
    public static func setUp(_ store: LedgerStore) throws -> BankLedger {
        let today: CalendarDate = try store.connection.query("SELECT ledger_today() AS d").single().decode("d")
        let opened = today.adding(days: -400)
        for code in funds {
            _ = try store.openFund(code: code, name: "Fonds \(code)", audience: nil, openedOn: opened)
        }
        let donors = ["Annemasse", "Bobigny", "Chambéry", "Grenoble", "Grigny", "Indre", "Lille", "Nancy",
                      "Nanterre", "Rennes", "Rezé", "Strasbourg"]
        for donor in donors { _ = try store.addDonor(name: donor) }
        _ = try store.addPartner(name: "Super Novae", country: "PS")
        var projects: [String: Int64] = [:]
        for code in funds {
            projects[code] = try store.addProject(fund: code, partner: "Super Novae", title: "Projet \(code)").id
        }
        // Pledges voted before the window: contributions of their donors pay them (oldest
        // first), write-offs give up what they still expect.
        var pledges: [(id: Int64, fund: String)] = []
        for (index, code) in funds.enumerated() {
            for offset in 0..<4 {
                let donor = donors[(index * 4 + offset) % donors.count]
                let pledge = try store.recordPledge(donor: donor, fund: code, amount: Money(cents: Int64(50_000 + 25_000 * offset)),
                                                    on: today.adding(days: -(Self.window + 10 + offset)),
                                                    reference: "Délib. \(code)-\(offset)")
                pledges.append((pledge.id, code))
            }
        }
        return BankLedger(donors: donors, projects: projects, pledges: pledges, today: today,
                          closeThrough: today.adding(days: -(Self.window / 2)))
    }
}
