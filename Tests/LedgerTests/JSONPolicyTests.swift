import Foundation
import Ledger
import Postgres
import Testing

/// The ledger's JSON policy for models: snake_case keys, ISO dates, amounts as integer cents
/// under `…_cents`.
@Suite("JSON policy")
struct JSONPolicyTests {
    @Test func moneyIsABareIntegerOfCents() throws {
        let data = try JSONEncoder.ledger.encode([Money(cents: 250_000)])
        #expect(String(decoding: data, as: UTF8.self).filter { !$0.isWhitespace } == "[250000]")
        #expect(try JSONDecoder.ledger.decode([Money].self, from: Data("[-150]".utf8)) == [Money(cents: -150)])
    }

    @Test func modelsEncodeSnakeCaseISODatesAndCents() throws {
        let pledge = try JSONDecoder.ledger.decode(Pledge.self, from: Data("""
            {"id": 7, "donor_id": 2, "fund_id": 1, "amount_cents": 250000, "pledged_on": "2026-01-20",
             "reference": "DEL-2026-12", "entry_id": 31}
            """.utf8))
        #expect(pledge.amount == Money(cents: 250_000))
        #expect(pledge.pledgedOn == CalendarDate(year: 2026, month: 1, day: 20))
        let text = String(decoding: try JSONEncoder.ledger.encode(pledge), as: UTF8.self)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["id", "donor_id", "fund_id", "amount_cents", "pledged_on", "reference", "entry_id"])
        #expect(object["amount_cents"] as? Int == 250_000)
        #expect(object["pledged_on"] as? String == "2026-01-20")
        // Sorted keys: the same value always prints the same text.
        #expect(text.range(of: "amount_cents")!.lowerBound < text.range(of: "donor_id")!.lowerBound)
        #expect(try JSONDecoder.ledger.decode(Pledge.self, from: Data(text.utf8)) == pledge)
    }

    @Test func everyAmountKeyOfEveryModelEndsInCents() throws {
        let milestone = try JSONDecoder.ledger.decode(Milestone.self, from: Data("""
            {"id": 1, "project_id": 2, "title": "Forage", "due_on": "2026-03-31", "tranche_cents": null, "achieved_on": null}
            """.utf8))
        #expect(milestone.tranche == nil)
        let text = String(decoding: try JSONEncoder.ledger.encode(milestone), as: UTF8.self)
        #expect(!text.contains("\"tranche\""))
        #expect(text.contains("\"due_on\" : \"2026-03-31\""))
    }

    @Test func everyModelSpellsItsKeysInSnakeCase() throws {
        let fund = try JSONDecoder.ledger.decode(Fund.self, from: Data("""
            {"id": 1, "code": "GAZA", "name": "Fonds Gaza", "audience": null, "status": "open",
             "opened_on": "2023-11-01", "closed_on": null}
            """.utf8))
        let balance = try JSONDecoder.ledger.decode(FundBalance.self, from: Data("""
            {"code": "GAZA", "name": "Fonds Gaza", "status": "open", "available_cents": 1,
             "disbursed_cents": 2, "outstanding_pledges_cents": 3, "reallocated_out_cents": 4,
             "reallocated_in_cents": 5, "refunded_cents": 6}
            """.utf8))
        // Received from donors: held + paid + given to other funds + refunded − received from other funds.
        #expect(balance.received == Money(cents: 1 + 2 + 4 + 6 - 5))
        for text in [try JSONEncoder.ledger.encode(fund), try JSONEncoder.ledger.encode(balance)]
            .map({ String(decoding: $0, as: UTF8.self) }) {
            let keys = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]).keys
            for key in keys {
                #expect(key == key.lowercased(), "\(key) in \(text)")
            }
        }
    }

    @Test func formattedAmountsAreFrench() {
        #expect(LedgerJSON.formatted(Money(cents: 250_000)) == "2\u{202F}500,00\u{00A0}€")
        #expect(LedgerJSON.centsKey("amount") == "amount_cents")
        #expect(LedgerJSON.formattedKey("amount") == "amount_formatted")
    }
}
