import Foundation

/// Names and free text as people type them: trimmed, Unicode NFC, no control characters and no
/// invisible format characters (zero-width spaces and joiners, word joiner, byte order mark,
/// bidirectional controls: Unicode category Cf), which would make two names that look the same differ.
public enum NameInput {
    public static func clean(_ text: String, field: String) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{00A0}\u{202F}")))
        if trimmed.isEmpty {
            throw InputError(field: field, value: text, reason: "must not be empty")
        }
        if trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw InputError(field: field, value: text, reason: "control characters are not allowed")
        }
        // On the text as given: Foundation's whitespace set holds U+200B, which trimming would drop silently.
        if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .format }) {
            throw InputError(field: field, value: text, reason: "invisible characters are not allowed")
        }
        return trimmed.precomposedStringWithCanonicalMapping
    }

    /// Like `clean`, but nil or blank text gives nil.
    public static func optional(_ text: String?, field: String) throws -> String? {
        guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        return try clean(text, field: field)
    }
}
