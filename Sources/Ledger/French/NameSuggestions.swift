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

    /// Lowercased, accents removed: "Liffré" → "liffre".
    public static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "fr_FR"))
    }

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
