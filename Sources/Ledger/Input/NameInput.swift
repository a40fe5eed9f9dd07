import Foundation

/// Names and free text as people type them: trimmed, Unicode NFC, no control characters.
public enum NameInput {
    public static func clean(_ text: String, field: String) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{00A0}\u{202F}")))
        if trimmed.isEmpty {
            throw InputError(field: field, value: text, reason: "must not be empty")
        }
        if trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw InputError(field: field, value: text, reason: "control characters are not allowed")
        }
        return trimmed.precomposedStringWithCanonicalMapping
    }

    /// Like `clean`, but nil or blank text gives nil.
    public static func optional(_ text: String?, field: String) throws -> String? {
        guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        return try clean(text, field: field)
    }
}
