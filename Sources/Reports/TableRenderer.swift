import Ledger

/// How a listing is printed.
public enum OutputFormat: String, Sendable, CaseIterable {
    /// Aligned columns for a terminal, French amounts and dates.
    case table
    /// RFC 4180, header of machine names, plain amounts (`1234.56`) and ISO dates.
    case csv
    /// An array of objects, keys in column order, amounts as integer cents (`<key>_cents`) and
    /// French text (`<key>_formatted`), dates ISO (the ledger's JSON policy, see `LedgerJSON`).
    case json
    /// A GitHub-flavoured markdown table, French amounts and dates.
    case markdown
}

/// Renders a `Table` in each output format. Every result ends with a newline.
public enum TableRenderer {
    public static func render(_ table: Table, as format: OutputFormat) -> String {
        switch format {
        case .table: text(table)
        case .csv: csv(table)
        case .json: json(table)
        case .markdown: markdown(table)
        }
    }

    // MARK: - Table

    /// Columns padded to the widest cell, counted in Characters (so "é" and " " count as one).
    ///
    /// With `maxWidth`, a table wider than that narrows the column `shrinking` (a free text, say a
    /// title) down to what is left, cutting its cells with "…", so a report fits a terminal or a
    /// page whatever its titles; never below its header or 8 characters, the other columns'
    /// figures being worth more than the width.
    public static func text(_ table: Table, maxWidth: Int? = nil, shrinking key: String? = nil) -> String {
        var cells = table.rows.map { $0.map { oneLine($0.french) } }
        let headers = table.columns.map(\.title)
        var widths = headers.map(\.count)
        for row in cells {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        if let maxWidth, let index = table.columns.firstIndex(where: { $0.key == key }) {
            let total = widths.reduce(0, +) + 2 * (widths.count - 1)
            if total > maxWidth {
                let width = max(widths[index] - (total - maxWidth), headers[index].count, 8)
                widths[index] = min(widths[index], width)
                cells = cells.map { row in
                    var row = row
                    row[index] = truncated(row[index], to: widths[index])
                    return row
                }
            }
        }
        func line(_ values: [String]) -> String {
            var parts: [String] = []
            for (index, value) in values.enumerated() {
                let padding = String(repeating: " ", count: widths[index] - value.count)
                let isLast = index == values.count - 1
                switch table.columns[index].alignment {
                case .left: parts.append(isLast ? value : value + padding)
                case .right: parts.append(padding + value)
                }
            }
            var text = parts.joined(separator: "  ")
            while text.last == " " { text.removeLast() }
            return text
        }
        var out = line(headers) + "\n"
        out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for row in cells { out += line(row) + "\n" }
        return out
    }

    /// `text` cut to `width` characters, the last one "…" when something was cut.
    public static func truncated(_ text: String, to width: Int) -> String {
        text.count <= width ? text : String(text.prefix(max(width - 1, 0))) + "…"
    }

    // MARK: - CSV

    /// RFC 4180 quoting: a field with a comma, quote, CR or LF is quoted, quotes doubled.
    /// Lines end with LF. Text cells a spreadsheet would run as a formula are made inert
    /// (`SpreadsheetCell`); numbers, amounts and dates are the program's own and stay as they are.
    public static func csv(_ table: Table) -> String {
        var out = table.columns.map { csvField($0.key) }.joined(separator: ",") + "\n"
        for row in table.rows {
            out += row.map { csvField(csvText($0)) }.joined(separator: ",") + "\n"
        }
        return out
    }

    static func csvText(_ cell: Table.Cell) -> String {
        switch cell {
        case .text(let value): SpreadsheetCell.inert(value ?? "")
        default: cell.plain ?? ""
        }
    }

    public static func csvField(_ value: String) -> String {
        let needsQuotes = value.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || value.first == " " || value.last == " "
        guard needsQuotes else { return value }
        // Quotes doubled scalar by scalar: Foundation's replacingOccurrences matches characters,
        // and a quote followed by a combining mark (`"\u{301}`) is one character that is not `"`,
        // so it stayed single, closed the field early and let the rest of the text become cells
        // of their own (a formula among them). Found by the `csv` fuzz target's oracle.
        var quoted = String.UnicodeScalarView()
        quoted.append("\"")
        for scalar in value.unicodeScalars {
            if scalar == "\"" { quoted.append(scalar) }
            quoted.append(scalar)
        }
        quoted.append("\"")
        return String(quoted)
    }

    // MARK: - JSON

    /// `[{"donor": "Bondy", "received_cents": 250000, "received_formatted": "2 500,00 €", …}, …]`,
    /// keys in column order; empty cells are `null`.
    public static func json(_ table: Table) -> String {
        if table.rows.isEmpty { return "[]\n" }
        var objects: [String] = []
        for row in table.rows {
            var members: [String] = []
            for (column, cell) in zip(table.columns, row) {
                let key = jsonString(column.key)
                switch cell {
                case .money(let money):
                    members.append("\(jsonString(LedgerJSON.centsKey(column.key))): \(money.map { String($0.cents) } ?? "null")")
                    members.append("\(jsonString(LedgerJSON.formattedKey(column.key))): \(money.map { jsonString(LedgerJSON.formatted($0)) } ?? "null")")
                case .integer(let value):
                    members.append("\(key): \(value.map { String($0) } ?? "null")")
                case .boolean(let value):
                    members.append("\(key): \(value.map { $0 ? "true" : "false" } ?? "null")")
                case .text, .date, .label:
                    members.append("\(key): \(cell.plain.map(jsonString) ?? "null")")
                }
            }
            objects.append("  {" + members.joined(separator: ", ") + "}")
        }
        return "[\n" + objects.joined(separator: ",\n") + "\n]\n"
    }

    /// A JSON string literal, escaping quotes, backslashes and control characters.
    public static func jsonString(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    // MARK: - Markdown

    public static func markdown(_ table: Table) -> String {
        func line(_ values: [String]) -> String {
            "| " + values.map(markdownCell).joined(separator: " | ") + " |"
        }
        var out = line(table.columns.map(\.title)) + "\n"
        out += "|" + table.columns.map { $0.alignment == .right ? " ---: " : " --- " }.joined(separator: "|") + "|\n"
        for row in table.rows { out += line(row.map(\.french)) + "\n" }
        return out
    }

    static func markdownCell(_ value: String) -> String {
        oneLine(value).replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "|", with: "\\|")
    }

    /// Line breaks inside a cell would break the layout: shown as spaces.
    static func oneLine(_ value: String) -> String {
        guard value.contains(where: \.isNewline) else { return value }
        return String(value.map { $0.isNewline ? " " : $0 })
    }
}
