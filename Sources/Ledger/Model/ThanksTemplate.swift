/// A fund's thanks sentence as communications write it, with placeholders:
/// `{count}` (the number of collectivités thanked), `{audience}` (the fund's audience, e.g. "la
/// population gazaouie") and `{names}` (the list, "A, B et C"), which must appear once; and
/// `{singulier|pluriel}`, words that agree with the number of names:
/// `Merci à {la collectivité qui a|les {count} collectivités qui ont} confirmé : {names}.` reads
/// "Merci à la collectivité qui a confirmé : Rennes." for one name. (`{count}` may sit inside
/// a choice, no other brace may.)
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
        /// Words for one name, and for several.
        case choice(singular: [Part], plural: [Part])
    }

    /// The placeholders a template may use, as written.
    public static let placeholders = ["{count}", "{audience}", "{names}", "{singulier|pluriel}"]

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
                let (part, end) = try Self.placeholder(in: text, at: rest, field: field)
                if !literal.isEmpty { parts.append(.text(literal)); literal = "" }
                parts.append(part)
                rest = rest[end...]
            } else if character == "}" {
                throw InputError(field: field, value: text, reason: "accolade « } » sans « { » : \(Self.known)")
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

    /// The parts for `count` names: each choice replaced by its singular or plural words.
    public func parts(for count: Int) -> [Part] {
        parts.flatMap { part -> [Part] in
            if case .choice(let singular, let plural) = part { return count == 1 ? singular : plural }
            return [part]
        }
    }

    static let known = "seuls {count}, {audience}, {names} et {singulier|pluriel} sont connus"

    /// The placeholder that opens at `rest` (its "{"), and where the text goes on after it.
    private static func placeholder(in text: String, at rest: Substring, field: String) throws -> (Part, Substring.Index) {
        // The matching "}": a choice may hold {count}.
        var depth = 0
        var matching: Substring.Index?
        for index in rest.indices {
            if rest[index] == "{" { depth += 1 }
            if rest[index] == "}" { depth -= 1 }
            if depth == 0 { matching = index; break }
        }
        guard let close = matching else {
            throw InputError(field: field, value: text, reason: "accolade « { » sans « } » : \(known)")
        }
        let name = rest[rest.index(after: rest.startIndex)..<close]
        let end = rest.index(after: close)
        switch name {
        case "count": return (.count, end)
        case "audience": return (.audience, end)
        case "names": return (.names, end)
        default: break
        }
        let words = name.split(separator: "|", omittingEmptySubsequences: false)
        guard words.count == 2 else {
            throw InputError(field: field, value: text, reason: "champ inconnu « {\(name)} » dans le modèle : \(known)")
        }
        func parse(_ words: Substring) throws -> [Part] {
            var parts: [Part] = []
            var rest = words
            while let range = rest.range(of: "{count}") {
                if range.lowerBound > rest.startIndex { parts.append(.text(String(rest[..<range.lowerBound]))) }
                parts.append(.count)
                rest = rest[range.upperBound...]
            }
            if rest.contains("{") || rest.contains("}") {
                throw InputError(field: field, value: text,
                                 reason: "« {\(name)} » : seul {count} peut se glisser dans un choix singulier|pluriel")
            }
            if !rest.isEmpty { parts.append(.text(String(rest))) }
            return parts
        }
        return (.choice(singular: try parse(words[0]), plural: try parse(words[1])), end)
    }
}
