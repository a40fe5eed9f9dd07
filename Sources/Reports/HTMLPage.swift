/// One self-contained, printable XHTML page (the quarterly report's style, no script, no
/// external asset) around sections already escaped: the HTML of the milestone report, the
/// donor statement and the thanks paragraph.
public enum HTMLPage {
    /// `title` is escaped here; `body` must already be (built with `HTMLText`).
    public static func render(title: String, subtitle: String? = nil, body: String) -> String {
        var out = head(title: title, style: QuarterlyReportHTML.style) + "<h1>\(HTMLText.escape(title))</h1>\n"
        if let subtitle { out += "<p class=\"period\">\(HTMLText.escape(subtitle))</p>\n" }
        return out + body + "</body>\n</html>\n"
    }

    /// Everything up to and including `<body>`: the XHTML declaration, French, UTF-8, a viewport
    /// for phones, the title (escaped here) and `style`. The page goes on with its body and ends
    /// with `</body></html>`.
    public static func head(title: String, style: String) -> String {
        """
        <!DOCTYPE html>
        <html xmlns="http://www.w3.org/1999/xhtml" lang="fr" xml:lang="fr">
        <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>\(HTMLText.escape(title))</title>
        <style>
        \(style)
        </style>
        </head>
        <body>

        """
    }

    /// A paragraph of text, escaped.
    public static func paragraph(_ text: String, class name: String? = nil) -> String {
        "<p\(name.map { " class=\"\($0)\"" } ?? "")>\(HTMLText.escape(text))</p>\n"
    }
}
