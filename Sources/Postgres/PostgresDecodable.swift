/// A Swift type that can be read from a column in PostgreSQL's text format.
///
/// An enum backed by a decodable raw value (`enum Status: String { … }`) only needs to declare the
/// conformance: it then refuses a value it does not know with an error naming the column and
/// the value (as postgres-nio's `RawRepresentable+PostgresCodable` does), never a silent default.
public protocol PostgresDecodable: Sendable {
    /// Decodes a non-NULL value; nil when the text is not a valid value of this type.
    init?(postgresText: String)
    /// What SQL NULL decodes to; nil (the default) when the type does not admit NULL.
    static var postgresNull: Self? { get }
    /// Decodes a non-NULL value of `column`, or throws a `PostgresError` of kind `.decoding` naming
    /// it. The default calls `init?(postgresText:)` and does not repeat the value (it may be
    /// personal data); enums say which value they did not know.
    static func decode(postgresText: String, column: String) throws -> Self
}

extension PostgresDecodable {
    public static var postgresNull: Self? { nil }

    public static func decode(postgresText text: String, column: String) throws -> Self {
        guard let value = Self(postgresText: text) else {
            throw PostgresError(kind: .decoding, message: "column \(column): cannot read \(Self.self) from its value",
                                column: column)
        }
        return value
    }
}

extension PostgresDecodable where Self: RawRepresentable, RawValue: PostgresDecodable {
    public init?(postgresText: String) {
        guard let raw = RawValue(postgresText: postgresText) else { return nil }
        self.init(rawValue: raw)
    }

    /// The raw value, then the case: an unknown value throws, naming the column and the value.
    public static func decode(postgresText text: String, column: String) throws -> Self {
        let raw = try RawValue.decode(postgresText: text, column: column)
        guard let value = Self(rawValue: raw) else {
            throw PostgresError(kind: .decoding,
                                message: "column \(column): unknown \(Self.self) value \(String(reflecting: raw).prefix(80))",
                                column: column)
        }
        return value
    }
}

extension String: PostgresDecodable {
    public init?(postgresText: String) { self = postgresText }
}

extension Int64: PostgresDecodable {
    public init?(postgresText: String) { self.init(postgresText, radix: 10) }
}

extension Int: PostgresDecodable {
    public init?(postgresText: String) { self.init(postgresText, radix: 10) }
}

extension Int32: PostgresDecodable {
    public init?(postgresText: String) { self.init(postgresText, radix: 10) }
}

extension Bool: PostgresDecodable {
    public init?(postgresText: String) {
        switch postgresText {
        case "t", "true": self = true
        case "f", "false": self = false
        default: return nil
        }
    }
}

extension CalendarDate: PostgresDecodable {
    public init?(postgresText: String) { self.init(iso: postgresText) }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    public init?(postgresText: String) {
        guard let value = Wrapped(postgresText: postgresText) else { return nil }
        self = .some(value)
    }
    public static var postgresNull: Self? { .some(.none) }

    public static func decode(postgresText text: String, column: String) throws -> Self {
        .some(try Wrapped.decode(postgresText: text, column: column))
    }
}
