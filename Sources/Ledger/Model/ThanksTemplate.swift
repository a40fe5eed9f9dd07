/// A fund's thanks sentence as communications write it, with placeholders:
/// `{count}` (the number of collectivités thanked), `{audience}` (the fund's audience, e.g. "la
/// population gazaouie") and `{names}` (the list, "A, B et C"), which must appear once.
///
/// Checked here for a clear message before the database is asked, and again by
/// `set_fund_thanks`, which every writer passes through.
public struct ThanksTemplate: Sendable, Equatable {
    /// A piece of the sentence.
    public enum Part: Sendable, Equatable {
        case text(String)
        case count
        case audience
        case names
    }

    /// The placeholders a template may use, as written.
    public static let placeholders = ["{count}", "{audience}", "{names}"]

    public let text: String
    public let parts: [Part]

    /// Parses a template; refuses an unknown placeholder, a lone brace, and a sentence without
    /// `{names}` or with it twice (`InputError`, in French: the staff member who typed it reads it).
    public init(_ text: String, field: String = "template") throws {
        self.text = text
        var parts: [Part] = []
        var literal = ""
        var rest = Substring(text)
        while let character = rest.first {
            if character == "{" {
                guard let close = rest.firstIndex(of: "}") else {
                    throw InputError(field: field, value: text, reason: "accolade « { » sans « } » : seuls {count}, {audience} et {names} sont connus")
                }
                let name = rest[rest.index(after: rest.startIndex)..<close]
                let part: Part
                switch name {
                case "count": part = .count
                case "audience": part = .audience
                case "names": part = .names
                default:
                    throw InputError(field: field, value: text,
                                     reason: "champ inconnu « {\(name)} » dans le modèle : seuls {count}, {audience} et {names} sont connus")
                }
                if !literal.isEmpty { parts.append(.text(literal)); literal = "" }
                parts.append(part)
                rest = rest[rest.index(after: close)...]
            } else if character == "}" {
                throw InputError(field: field, value: text, reason: "accolade « } » sans « { » : seuls {count}, {audience} et {names} sont connus")
            } else {
                literal.append(character)
                rest = rest.dropFirst()
            }
        }
        if !literal.isEmpty { parts.append(.text(literal)) }
        guard parts.filter({ $0 == .names }).count == 1 else {
            throw InputError(field: field, value: text,
                             reason: "le modèle doit contenir {names} une fois, là où vont les noms des collectivités")
        }
        self.parts = parts
    }

    /// Whether the sentence cites the fund's audience.
    public var usesAudience: Bool { parts.contains(.audience) }
}
