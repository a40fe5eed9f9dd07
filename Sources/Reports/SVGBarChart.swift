/// A grouped bar chart as inline SVG (no script, no external asset), well-formed XML.
///
/// Groups (a fund) hold clusters (a quarter) of one bar per series (received, disbursed); all
/// share one scale so that funds compare. Every label is escaped.
public struct SVGBarChart: Sendable {
    public struct Series: Sendable {
        public var name: String
        public var color: String
        public init(name: String, color: String) {
            self.name = name
            self.color = color
        }
    }

    public struct Cluster: Sendable {
        public var label: String
        /// One value per series, in cents; negative values are drawn as zero-height bars but labelled.
        public var values: [Int64]
        public init(label: String, values: [Int64]) {
            self.label = label
            self.values = values
        }
    }

    public struct Group: Sendable {
        public var label: String
        public var clusters: [Cluster]
        public init(label: String, clusters: [Cluster]) {
            self.label = label
            self.clusters = clusters
        }
    }

    public var title: String
    public var series: [Series]
    public var groups: [Group]
    /// How a value (cents) is written in tooltips and on the axis.
    public var format: @Sendable (Int64) -> String

    public init(title: String, series: [Series], groups: [Group], format: @escaping @Sendable (Int64) -> String) {
        self.title = title
        self.series = series
        self.groups = groups
        self.format = format
    }

    static let barWidth = 16, barGap = 2, clusterGap = 12, groupGap = 36
    static let left = 96, right = 16, top = 40, plotHeight = 220, bottom = 56

    /// The chart as a file of its own (`report quarterly --output F.html` writes F-graphique.svg):
    /// an XML declaration, and fonts named on the element since no page's CSS reaches it.
    public func standalone() -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + render(fontFamily: "Arial, Helvetica, sans-serif") + "\n"
    }

    /// The chart as an inline `<svg>` element (fonts inherited from the page unless `fontFamily`).
    public func render(fontFamily: String? = nil) -> String {
        let seriesCount = max(1, series.count)
        let clusterWidth = seriesCount * Self.barWidth + (seriesCount - 1) * Self.barGap
        var groupWidths: [Int] = []
        for group in groups {
            let clusters = max(1, group.clusters.count)
            groupWidths.append(clusters * clusterWidth + (clusters - 1) * Self.clusterGap)
        }
        let plotWidth = max(200, groupWidths.reduce(0, +) + max(0, groups.count - 1) * Self.groupGap + 2 * Self.clusterGap)
        let width = Self.left + plotWidth + Self.right
        let height = Self.top + Self.plotHeight + Self.bottom
        let maximum = max(1, groups.flatMap { $0.clusters.flatMap(\.values) }.max() ?? 1)
        let scaleTop = Self.niceCeiling(maximum)
        func y(_ value: Int64) -> Int {
            let clamped = max(0, value)
            return Self.top + Self.plotHeight - Int((Double(clamped) / Double(scaleTop) * Double(Self.plotHeight)).rounded())
        }

        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 \(width) \(height)" \
            width="\(width)" height="\(height)" aria-label="\(HTMLText.escape(title))"\
            \(fontFamily.map { " font-family=\"\(HTMLText.escape($0))\"" } ?? "")>
            <title>\(HTMLText.escape(title))</title>

            """
        // Axis and grid: five lines, labelled.
        for step in 0...4 {
            let value = scaleTop * Int64(step) / 4
            let lineY = y(value)
            svg += "<line x1=\"\(Self.left)\" y1=\"\(lineY)\" x2=\"\(Self.left + plotWidth)\" y2=\"\(lineY)\" stroke=\"#ccc\" stroke-width=\"1\"/>\n"
            svg += "<text x=\"\(Self.left - 6)\" y=\"\(lineY + 4)\" text-anchor=\"end\" font-size=\"11\">\(HTMLText.escape(format(value)))</text>\n"
        }
        // Legend.
        var legendX = Self.left
        for item in series {
            svg += "<rect x=\"\(legendX)\" y=\"12\" width=\"12\" height=\"12\" fill=\"\(HTMLText.escape(item.color))\"/>\n"
            svg += "<text x=\"\(legendX + 16)\" y=\"22\" font-size=\"12\">\(HTMLText.escape(item.name))</text>\n"
            legendX += 24 + item.name.count * 7
        }
        // Bars.
        var x = Self.left + Self.clusterGap
        for (groupIndex, group) in groups.enumerated() {
            let groupStart = x
            for cluster in group.clusters {
                for (seriesIndex, value) in cluster.values.enumerated() where seriesIndex < series.count {
                    let barX = x + seriesIndex * (Self.barWidth + Self.barGap)
                    let barY = y(value)
                    let barHeight = Self.top + Self.plotHeight - barY
                    svg += "<rect x=\"\(barX)\" y=\"\(barY)\" width=\"\(Self.barWidth)\" height=\"\(barHeight)\" fill=\"\(HTMLText.escape(series[seriesIndex].color))\">"
                    svg += "<title>\(HTMLText.escape("\(group.label) · \(cluster.label) · \(series[seriesIndex].name) : \(format(value))"))</title></rect>\n"
                }
                svg += "<text x=\"\(x + clusterWidth / 2)\" y=\"\(Self.top + Self.plotHeight + 16)\" text-anchor=\"middle\" font-size=\"10\">\(HTMLText.escape(cluster.label))</text>\n"
                x += clusterWidth + Self.clusterGap
            }
            let groupMiddle = groupStart + groupWidths[groupIndex] / 2
            svg += "<text x=\"\(groupMiddle)\" y=\"\(Self.top + Self.plotHeight + 38)\" text-anchor=\"middle\" font-size=\"12\" font-weight=\"bold\">\(HTMLText.escape(group.label))</text>\n"
            x += Self.groupGap - Self.clusterGap
        }
        svg += "<line x1=\"\(Self.left)\" y1=\"\(Self.top + Self.plotHeight)\" x2=\"\(Self.left + plotWidth)\" y2=\"\(Self.top + Self.plotHeight)\" stroke=\"#333\" stroke-width=\"1\"/>\n"
        svg += "</svg>"
        return svg
    }

    /// 1, 2 or 5 × 10ⁿ cents at or above `value`, so that the axis reads round amounts.
    static func niceCeiling(_ value: Int64) -> Int64 {
        var magnitude: Int64 = 1
        while magnitude <= value / 10 { magnitude *= 10 }
        for factor: Int64 in [1, 2, 5, 10] where magnitude * factor >= value {
            return magnitude * factor
        }
        return magnitude * 10
    }
}
