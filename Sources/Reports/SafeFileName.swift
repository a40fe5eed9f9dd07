import Foundation

/// A file name made from a collectivité's name that every file system and mail client accepts:
/// lower-case ASCII letters, digits and dashes ("Liffré" → "liffre", "Communauté urbaine de
/// Dunkerque" → "communaute-urbaine-de-dunkerque"), never empty, never "." or "..", never a
/// path (no `/`), at most 80 characters.
public enum SafeFileName {
    public static func stem(_ name: String) -> String {
        // Accents dropped rather than replaced by a dash, so the name stays readable.
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive],
                                  locale: Locale(identifier: "fr_FR"))
        var out = ""
        for scalar in folded.unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                out.unicodeScalars.append(scalar)
            } else if !out.isEmpty, out.last != "-" {
                out.append("-")
            }
        }
        while out.last == "-" { out.removeLast() }
        if out.count > 80 {
            out = String(out.prefix(80))
            while out.last == "-" { out.removeLast() }
        }
        return out.isEmpty ? "collectivite" : out
    }

    /// Stems for several names, in order, made distinct with "-2", "-3"… where two fold to the same.
    public static func distinctStems(_ names: [String]) -> [String] {
        var seen: Set<String> = []
        return names.map { name in
            let base = stem(name)
            var candidate = base
            var number = 2
            while !seen.insert(candidate).inserted {
                candidate = "\(base)-\(number)"
                number += 1
            }
            return candidate
        }
    }
}
