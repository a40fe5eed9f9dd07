import Foundation
import Postgres

/// One JSON policy for every output of the ledger (models, tables, reports):
///
/// - keys in snake_case (`received_on`, `entry_id`), sorted, so that output is stable. Each model
///   spells its keys in its `CodingKeys`: no key conversion strategy, because converting back
///   from snake_case mangles acronyms (`entry_id` would become `entryId`, not `entryID`);
/// - dates as ISO `YYYY-MM-DD` (`CalendarDate`'s Codable), instants as ISO 8601;
/// - amounts as an integer of cents under a key ending in `_cents` (`"amount_cents": 250000`),
///   plus, where people read it, the French text under `_formatted`
///   (`"amount_formatted": "2 500,00 €"`, see `LedgerJSON.formatted`).
public enum LedgerJSON {
    /// The key of an amount's cents: `amount` → `amount_cents`.
    public static func centsKey(_ name: String) -> String { name + "_cents" }
    /// The key of an amount's French text: `amount` → `amount_formatted`.
    public static func formattedKey(_ name: String) -> String { name + "_formatted" }
    /// An amount as people read it in JSON: `2 500,00 €` (as `Money.french`).
    public static func formatted(_ money: Money) -> String { money.french }
}

extension JSONEncoder {
    /// The ledger's encoder: sorted keys (as the types spell them: snake_case), pretty printed,
    /// ISO 8601 instants. A new one on each use (encoders are mutable classes).
    public static var ledger: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }
}

extension JSONDecoder {
    /// Reads what `JSONEncoder.ledger` writes.
    public static var ledger: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
