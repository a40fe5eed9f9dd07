import Foundation

/// Names and free text as people type them: trimmed, Unicode NFC, no control characters and no
/// invisible format characters (zero-width spaces and joiners, word joiner, byte order mark,
/// bidirectional controls: Unicode category Cf), which would make two names that look the same differ.
///
/// `LedgerStore` and `LedgerReader` apply these rules to every text they are given, so that every
/// caller (command line, import, HTTP) gets the same rule and the same message. Refusals are
/// `InputError`s naming the field as the ledger calls it (`donor`, `reference`, …).
public enum NameInput {
    /// The most characters of any text: names, titles, references, reasons. One limit, the one
    /// the database's `clean_text` domain holds (`check_clean_text`, 0007), so that psql, the
    /// command line and the API meet the same rule.
    public static let textLimit = 500

    public static func clean(_ text: String, field: String) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{00A0}\u{202F}")))
        if trimmed.isEmpty {
            throw InputError(field: field, value: text, reason: "must not be empty")
        }
        if trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw InputError(field: field, value: text, reason: "control characters are not allowed")
        }
        // On the text as given: Foundation's whitespace set holds U+200B, which trimming would drop silently.
        // Format characters (Cf), and every other code point Unicode says to show as nothing
        // (Default_Ignorable_Code_Point: the combining grapheme joiner U+034F, variation
        // selectors, Hangul fillers U+3164…): "Bon\u{34F}dy" looks like Bondy and, compared
        // as the collation compares names, is Bondy, so a lookup would post to Bondy a name
        // nobody typed, and "Bondy\u{3164}" would be a second Bondy.
        if text.unicodeScalars.contains(where: Self.isInvisible) {
            throw InputError(field: field, value: text, reason: "invisible characters are not allowed")
        }
        // Line and paragraph separators (U+2028, U+2029) inside the text would break lines and CSV cells.
        if trimmed.unicodeScalars.contains(where: {
            [.lineSeparator, .paragraphSeparator].contains($0.properties.generalCategory)
        }) {
            throw InputError(field: field, value: text, reason: "line breaks are not allowed")
        }
        return trimmed.precomposedStringWithCanonicalMapping
    }

    /// A character that shows as nothing: a format character (zero-width, bidirectional control,
    /// BOM, soft hyphen) or any default-ignorable code point. The same list as `check_clean_text`.
    public static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .format || scalar.properties.isDefaultIgnorableCodePoint
    }

    /// Like `clean`, but nil or blank text gives nil.
    public static func optional(_ text: String?, field: String) throws -> String? {
        guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        return try clean(text, field: field)
    }

    /// A name or title that is printed and exported: at most `textLimit` characters, and not
    /// starting with `=`, `+`, `-` or `@`, which a spreadsheet opening an export runs as a formula.
    public static func name(_ text: String, field: String) throws -> String {
        let name = try limited(clean(text, field: field), text, field: field, to: textLimit)
        try refuseFormula(name, text, field: field)
        return name
    }

    /// A name that looks something up (a donor, a fund, a partner): cleaned and bounded, no more,
    /// so that a near miss still finds suggestions.
    public static func lookup(_ text: String, field: String) throws -> String {
        try limited(clean(text, field: field), text, field: field, to: textLimit)
    }

    /// Like `lookup`; nil gives nil (no filter).
    public static func optionalLookup(_ text: String?, field: String) throws -> String? {
        guard let text else { return nil }
        return try lookup(text, field: field)
    }

    /// A reference (transfer, délibération): at most `textLimit` characters, no formula start.
    /// Nil or blank gives nil.
    public static func reference(_ text: String?, field: String = "reference") throws -> String? {
        guard let reference = try optional(text, field: field) else { return nil }
        try checkReference(reference, given: text ?? "", field: field)
        return reference
    }

    /// The rules of `reference` past cleaning, for a reference already clean (the import's fast path).
    public static func checkReference(_ reference: String, given text: String, field: String) throws {
        try refuseFormula(limited(reference, text, field: field, to: textLimit), text, field: field)
    }

    /// Free text (a reason, an audience, a SIREN or country code, checked further by the
    /// database): at most `textLimit` characters. Nil or blank gives nil.
    public static func text(_ text: String?, field: String) throws -> String? {
        guard let cleaned = try optional(text, field: field) else { return nil }
        return try limited(cleaned, text ?? "", field: field, to: textLimit)
    }

    /// An idempotency key: cleaned, at most 200 characters (as the database stores them). Nil or blank gives nil.
    public static func idempotencyKey(_ text: String?, field: String = "idempotencyKey") throws -> String? {
        guard let cleaned = try optional(text, field: field) else { return nil }
        return try limited(cleaned, text ?? "", field: field, to: 200)
    }

    /// A new fund's code, in capitals: a letter, then 1 to 29 letters, digits, `_` or `-` (ASCII).
    public static func fundCode(_ text: String, field: String = "code") throws -> String {
        let code = try clean(text, field: field).uppercased()
        let scalars = Array(code.unicodeScalars)
        let isLetter: (Unicode.Scalar) -> Bool = { ("A"..."Z").contains($0) }
        let valid = (2...30).contains(scalars.count) && isLetter(scalars[0])
            && scalars.dropFirst().allSatisfy { isLetter($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
        guard valid else {
            throw InputError(field: field, value: text,
                             reason: "a fund code is 2 to 30 characters: a letter, then letters, digits, _ or - (e.g. GAZA)")
        }
        return code
    }

    private static func limited(_ cleaned: String, _ text: String, field: String, to limit: Int) throws -> String {
        guard cleaned.count <= limit else {
            throw InputError(field: field, value: String(text.prefix(40)) + "…",
                             reason: "at most \(limit) characters (\(cleaned.count) given)")
        }
        return cleaned
    }

    private static func refuseFormula(_ cleaned: String, _ text: String, field: String) throws {
        if let first = cleaned.first, "=+-@".contains(first) {
            throw InputError(field: field, value: text,
                             reason: "must not begin with \(first) (spreadsheets would read it as a formula)")
        }
    }
}
