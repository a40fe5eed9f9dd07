/// Text placed in a file a spreadsheet opens (CSV listings, the FEC): a cell that starts with
/// `=`, `+`, `-`, `@`, a tab or a carriage return would be run as a formula by Excel or
/// LibreOffice (`=HYPERLINK(…)` leaking data, `+cmd|…` running a program). OWASP's rule: such a
/// cell is prefixed with an apostrophe, which spreadsheets show as text and never evaluate.
///
/// Only text goes through it: numbers (`-12.50`) and dates are written by the program and stay
/// numbers. The ledger also refuses such leading characters in names at input (`NameInput`,
/// the `clean_text` domain); this covers what was recorded before, and references from banks.
public enum SpreadsheetCell {
    static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    /// The text, made inert when a spreadsheet would run it.
    public static func inert(_ text: String) -> String {
        guard let first = text.first, formulaStarts.contains(first) else { return text }
        return "'" + text
    }
}
