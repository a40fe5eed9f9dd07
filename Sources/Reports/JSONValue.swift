import Ledger

/// A JSON document built in a fixed key order, so that reports print stable JSON
/// (keys in the order written, amounts as integer cents plus French text: see `LedgerJSON`).
public indirect enum JSONValue: Sendable, Equatable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    case integer(Int64)
    case boolean(Bool)
    case null

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        lhs.rendered() == rhs.rendered()
    }

    public static func string(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }
    public static func integer(_ value: Int64?) -> JSONValue { value.map { .integer($0) } ?? .null }
    public static func int(_ value: Int) -> JSONValue { .integer(Int64(value)) }

    /// An amount by the ledger's JSON policy: `<name>_cents` (integer) and `<name>_formatted`
    /// (French text), both `null` when there is no amount.
    public static func money(_ name: String, _ value: Money?) -> [(String, JSONValue)] {
        [(LedgerJSON.centsKey(name), .integer(value?.cents)),
         (LedgerJSON.formattedKey(name), .string(value.map(LedgerJSON.formatted)))]
    }

    /// Pretty-printed, two spaces per level, ending with a newline at the top level.
    public func rendered(indent: Int = 0) -> String {
        let pad = String(repeating: "  ", count: indent + 1)
        let closing = String(repeating: "  ", count: indent)
        switch self {
        case .object(let members):
            if members.isEmpty { return "{}" }
            let lines = members.map { "\(pad)\(TableRenderer.jsonString($0.0)): \($0.1.rendered(indent: indent + 1))" }
            return "{\n" + lines.joined(separator: ",\n") + "\n\(closing)}"
        case .array(let items):
            if items.isEmpty { return "[]" }
            return "[\n" + items.map { pad + $0.rendered(indent: indent + 1) }.joined(separator: ",\n") + "\n\(closing)]"
        case .string(let value): return TableRenderer.jsonString(value)
        case .integer(let value): return String(value)
        case .boolean(let value): return value ? "true" : "false"
        case .null: return "null"
        }
    }
}
