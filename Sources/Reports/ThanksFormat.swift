/// How a thanks paragraph is written out: plain text, Markdown or HTML (a `<p>` to paste).
public enum ThanksFormat: String, Sendable, CaseIterable {
    case text, markdown, html
}
