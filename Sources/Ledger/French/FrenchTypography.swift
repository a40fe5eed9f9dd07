/// French typography for every sentence the association prints (thanks, reports, statements):
/// one place, so that each output follows the same rules.
///
/// - a no-break space (U+00A0) before `:` and inside « », a narrow no-break space (U+202F) before
///   `; ! ?`: a plain space would let the line wrap and leave the colon alone at the start of the
///   next line;
/// - the typographic apostrophe ’ rather than the typewriter's ';
/// - ordinals `1er`, `2e`, `17e` with their suffix in superscript in HTML.
public enum FrenchTypography {
    /// U+00A0, before `:` and inside « ».
    public static let noBreakSpace: Character = "\u{00A0}"
    /// U+202F, before `; ! ?`.
    public static let narrowNoBreakSpace: Character = "\u{202F}"
    /// The typographic apostrophe.
    public static let apostrophe: Character = "\u{2019}"

    /// The text with French spacing and apostrophes, and a narrow no-break space inside numbers
    /// typed with a plain one ("3 000"). Idempotent: typeset text is left as it is.
    /// A colon inside a word (`https://…`, `9:30`) is not punctuation and is left alone.
    public static func apply(_ text: String) -> String {
        let characters = Array(text)
        var out: [Character] = []
        out.reserveCapacity(characters.count + 8)
        for (index, character) in characters.enumerated() {
            let next = index + 1 < characters.count ? characters[index + 1] : nil
            switch character {
            case "'":
                out.append(apostrophe)
            case ":", ";", "!", "?":
                let space = character == ":" ? noBreakSpace : narrowNoBreakSpace
                let endsClause = next == nil || next!.isWhitespace || next == "»" || next == ")"
                if let last = out.last, isSpace(last) {
                    out[out.count - 1] = space
                } else if let last = out.last, endsClause, !isHighPunctuation(last), last != "(" {
                    out.append(space)
                }
                out.append(character)
            case "«":
                // The space typed after it, if any, is dropped below.
                out.append(character)
                out.append(noBreakSpace)
            case "»":
                if let last = out.last, isSpace(last) {
                    out[out.count - 1] = noBreakSpace
                } else if !out.isEmpty {
                    out.append(noBreakSpace)
                }
                out.append(character)
            default:
                // A space after « is the no-break space already written.
                if isSpace(character), index > 0, characters[index - 1] == "«" {
                    continue
                }
                // "3 000 personnes": a group of thousands never wraps away from its number.
                let next4 = characters.dropFirst(index + 1).prefix(4)
                if character == " ", index > 0, isDigit(characters[index - 1]),
                   next4.prefix(3).count == 3, next4.prefix(3).allSatisfy(isDigit),
                   next4.count == 3 || !isDigit(next4.last!) {
                    out.append(narrowNoBreakSpace)
                    continue
                }
                out.append(character)
            }
        }
        return String(out)
    }

    private static func isDigit(_ character: Character) -> Bool { character.isASCII && character.isNumber }

    /// HTML already escaped, with the suffix of each ordinal (`1er`, `1re`, `2e`, `17e`, `2es`)
    /// in superscript: `1<sup>er</sup>`.
    public static func superscriptOrdinals(inHTML html: String) -> String {
        html.replacing(/\b(\d+)(ers|res|er|re|es|e)\b/) { match in
            "\(match.output.1)<sup>\(match.output.2)</sup>"
        }
    }

    /// Where the text breaks a rule of this type (a plain space before `: ; ! ?` or inside « »,
    /// a straight apostrophe), as short French descriptions; empty when the text is typeset.
    /// For tests and checks of any French output.
    public static func violations(in text: String) -> [String] {
        var found: [String] = []
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            let previous = index > 0 ? characters[index - 1] : nil
            let next = index + 1 < characters.count ? characters[index + 1] : nil
            switch character {
            case "'":
                found.append("apostrophe droite en position \(index)")
            case ":", ";", "!", "?", "»":
                if previous == " " { found.append("espace simple avant « \(character) » en position \(index)") }
            case "«":
                if next == " " { found.append("espace simple après « en position \(index)") }
            default:
                break
            }
        }
        return found
    }

    private static func isSpace(_ character: Character) -> Bool {
        character == " " || character == noBreakSpace || character == narrowNoBreakSpace
    }

    private static func isHighPunctuation(_ character: Character) -> Bool {
        character == ":" || character == ";" || character == "!" || character == "?" || isSpace(character)
    }
}
