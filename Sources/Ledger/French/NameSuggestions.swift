import Foundation

/// Finds the existing names closest to one that was not found, as a person would misspell it.
public enum NameSuggestions {
    /// Up to `limit` names, closest first, among those within a reasonable edit distance.
    public static func nearest(to query: String, among names: [String], limit: Int = 3) -> [String] {
        let target = fold(query)
        let scored = names.map { name -> (String, Int) in
            let folded = fold(name)
            var distance = editDistance(target, folded)
            if !target.isEmpty && (folded.hasPrefix(target) || folded.contains(target)) {
                distance = min(distance, 1)
            }
            return (name, distance)
        }
        let threshold = max(2, target.count / 3)
        return scored.filter { $0.1 <= threshold }
            .sorted { ($0.1, $0.0) < ($1.1, $1.0) }
            .prefix(limit)
            .map(\.0)
    }

    /// Lowercased, accents removed, look-alike letters of other scripts read as the Latin ones
    /// they imitate: "Liffré" → "liffre", "Воndу" (Cyrillic) → "bondy", so that a look-alike,
    /// never matched, is answered with the donor it imitates.
    public static func fold(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { confusables[$0] ?? $0 }))
            .folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "fr_FR"))
    }

    /// The letters `name_skeleton` (0008) maps to their Latin look-alike (UTS #39's confusables
    /// that occur in Latin-script names): the same table, so that suggestions and uniqueness agree.
    static let confusables: [Unicode.Scalar: Unicode.Scalar] = {
        let from = "АВЕКМНОРСТУХаеорсухіјѕԁӏІЈЅԛԝ" + "ΑΒΕΖΗΙΚΜΝΟΡΤΥΧαορνικ" + "ıȷℓⅰ" + "０１２３４５６７８９"
        let to = "ABEKMHOPCTYXaeopcyxijsdlIJSqw" + "ABEZHIKMNOPTYXaopvik" + "ijli" + "0123456789"
        return Dictionary(zip(from.unicodeScalars, to.unicodeScalars), uniquingKeysWith: { first, _ in first })
    }()

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1,
                                 previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
