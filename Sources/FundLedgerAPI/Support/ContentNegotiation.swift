import Hummingbird

/// Picks the representation of a report from the `Accept` header (RFC 9110 §12.5.1).
/// Hummingbird's `MediaType` parses one media type but neither a list nor q-values, hence this.
///
/// Each offered format takes the q of the most specific range that matches it (`text/csv` over
/// `text/*` over `*/*`); the highest q wins, ties going to the route's order (JSON first);
/// `q=0` refuses. No `Accept` (or an empty one) takes the first offered. Nothing acceptable: 406
/// listing what is offered.
enum ContentNegotiation {
    static func choose(_ accept: String?, offered: [ReportFormat]) throws -> ReportFormat {
        guard let accept, !accept.trimmingCharacters(in: .whitespaces).isEmpty else { return offered[0] }
        let ranges = accept.split(separator: ",").compactMap(Range.init)
        var best: (format: ReportFormat, q: Double)?
        for format in offered {
            let matching = ranges.filter { $0.matches(format.mediaType) }.max { $0.specificity < $1.specificity }
            guard let q = matching?.q, q > 0 else { continue }
            if best == nil || q > best!.q { best = (format, q) }
        }
        guard let best else { throw Problem.notAcceptable(offered: offered.map(\.mediaType)) }
        return best.format
    }

    /// One media range of `Accept`: `text/*;q=0.5`.
    struct Range {
        var type: Substring
        var subtype: Substring
        var q: Double

        init?(_ element: Substring) {
            let parts = element.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let range = parts.first?.lowercased(), !range.isEmpty else { return nil }
            let names = range.split(separator: "/", omittingEmptySubsequences: false)
            guard names.count == 2, !names[0].isEmpty, !names[1].isEmpty else { return nil }
            type = names[0]
            subtype = names[1]
            q = 1
            for parameter in parts.dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1)
                guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "q" else { continue }
                // An unreadable q is taken as 0: better to refuse a range than to guess it.
                let value = Double(pair[1].trimmingCharacters(in: .whitespaces)) ?? 0
                q = min(max(value, 0), 1)
            }
        }

        /// 2 for `type/subtype`, 1 for `type/*`, 0 for `*/*`.
        var specificity: Int { type == "*" ? 0 : subtype == "*" ? 1 : 2 }

        func matches(_ mediaType: String) -> Bool {
            let names = mediaType.split(separator: "/")
            return (type == "*" || type == names[0]) && (subtype == "*" || subtype == names[1])
        }
    }
}
