import Ledger

/// The columns a contributions file may have, found by header name in any order.
public enum ImportColumn: String, Sendable, CaseIterable {
    case date, donor, fund, amount, reference, pledge
    case idempotencyKey = "idempotency_key"

    public var isRequired: Bool { self != .pledge && self != .idempotencyKey }

    /// Accepted header names, French or English, compared without case, accents, `_`, `-` or `'`.
    public var names: [String] {
        switch self {
        case .date: ["date", "date de réception", "date réception", "received_on", "received on", "reçu le"]
        case .donor: ["donor", "donateur", "donatrice", "collectivité", "collectivité donatrice"]
        case .fund: ["fund", "fonds", "fond", "code fonds"]
        case .amount: ["amount", "montant"]
        case .reference: ["reference", "référence", "réf", "ref"]
        case .pledge: ["pledge", "promesse", "pledge_id", "n° de promesse", "numéro de promesse"]
        case .idempotencyKey: ["idempotency_key", "idempotency key", "clé", "clé d'idempotence", "key"]
        }
    }

    /// How headers are compared: "Date de réception" = "date_de_reception" = "DATE DE RECEPTION".
    static func normalize(_ header: String) -> String {
        let folded = NameSuggestions.fold(header)
        var out = ""
        var pendingSpace = false
        for character in folded {
            if character == "_" || character == "-" || character == "'" || character == "’" || character == "."
                || character == "°" || character.isWhitespace {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(" ") }
            pendingSpace = false
            out.append(character)
        }
        return out
    }

    static let byNormalizedName: [String: ImportColumn] = {
        var map: [String: ImportColumn] = [:]
        for column in allCases {
            for name in column.names { map[normalize(name)] = column }
        }
        return map
    }()
}

/// Where each known column is in the file, and the header text the file uses for it.
public struct ImportHeader: Sendable {
    public var index: [ImportColumn: Int] = [:]
    public var label: [ImportColumn: String] = [:]
    /// Headers that name no known column: ignored (e.g. a bank export's "libellé").
    public var ignored: [String] = []
    public var fieldCount: Int

    /// Maps a header record; refuses missing required columns and columns given twice.
    public init(_ headers: [String]) throws {
        fieldCount = headers.count
        for (position, raw) in headers.enumerated() {
            let header = raw.trimmingCharacters(in: .whitespaces)
            guard let column = ImportColumn.byNormalizedName[ImportColumn.normalize(header)] else {
                if !header.isEmpty { ignored.append(header) }
                continue
            }
            if let earlier = label[column] {
                throw ImportError("the header names the \(column.rawValue) column twice: \"\(earlier)\" and \"\(header)\"")
            }
            index[column] = position
            label[column] = header
        }
        let missing = ImportColumn.allCases.filter { $0.isRequired && index[$0] == nil }
        if !missing.isEmpty {
            let list = missing.map { "\($0.rawValue) (\($0.names.prefix(3).joined(separator: ", ")))" }
            throw ImportError("the header line lacks column\(missing.count > 1 ? "s" : "") "
                              + list.joined(separator: "; ") + "; found: " + headers.joined(separator: ", "))
        }
    }

    /// The column's header as the file spells it, for messages.
    public func name(of column: ImportColumn) -> String { label[column] ?? column.rawValue }
}

import Foundation
