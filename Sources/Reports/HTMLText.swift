/// Escaping for the HTML reports, which are also well-formed XML (XHTML): every piece of text
/// from the database goes through `escape` before it reaches a page.
public enum HTMLText {
    /// `&`, `<`, `>`, `"` and `'` as character references; control characters other than tab and
    /// newline (never valid in XML) are dropped.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    continue
                }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

extension HTMLText {
    /// A `Table` as an HTML table, French cells, right-aligned columns classed `num`.
    public static func table(_ table: Table, caption: String? = nil) -> String {
        var out = "<table>\n"
        if let caption { out += "<caption>\(escape(caption))</caption>\n" }
        func cellClass(_ column: Table.Column) -> String { column.alignment == .right ? " class=\"num\"" : "" }
        out += "<thead><tr>" + table.columns.map { "<th scope=\"col\"\(cellClass($0))>\(escape($0.title))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            out += "<tr>" + zip(table.columns, row).map { "<td\(cellClass($0.0))>\(escape($0.1.french))</td>" }.joined() + "</tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }
}
