import Ledger
import Postgres

/// A listing independent of how it is printed: columns, then rows of cells.
///
/// Each cell knows its French text (table, markdown) and its plain text (CSV, JSON), so one
/// listing prints `1 234,56 €` on a terminal and `1234.56` for a spreadsheet.
public struct Table: Sendable {
    public struct Column: Sendable {
        public enum Alignment: Sendable { case left, right }

        /// Machine name: the CSV header and the JSON key, e.g. `received`.
        public var key: String
        /// Human header for table and markdown, e.g. `Reçu`.
        public var title: String
        public var alignment: Alignment

        public init(_ key: String, _ title: String, alignment: Alignment = .left) {
            self.key = key
            self.title = title
            self.alignment = alignment
        }
    }

    public enum Cell: Sendable, Equatable {
        case text(String?)
        case integer(Int64?)
        case money(Money?)
        case date(CalendarDate?)
        case boolean(Bool?)
        /// A code shown in French to people (`en clôture`) and as the code to programs (`closing`).
        case label(code: String, french: String)

        /// For table and markdown: `1 234,56 €`, `8 juillet 2026`, `oui`.
        public var french: String {
            switch self {
            case .text(let value): value ?? ""
            case .integer(let value): value.map { String($0) } ?? ""
            case .money(let value): value?.french ?? ""
            case .date(let value): value.map(FrenchText.date) ?? ""
            case .boolean(let value): value.map { $0 ? "oui" : "non" } ?? ""
            case .label(_, let french): french
            }
        }

        /// For CSV and JSON: `1234.56`, `2026-07-08`, `true`; nil when empty.
        public var plain: String? {
            switch self {
            case .text(let value): value
            case .integer(let value): value.map { String($0) }
            case .money(let value): value?.plain
            case .date(let value): value?.iso
            case .boolean(let value): value.map { $0 ? "true" : "false" }
            case .label(let code, _): code
            }
        }
    }

    public var columns: [Column]
    public var rows: [[Cell]]

    public init(columns: [Column], rows: [[Cell]] = []) {
        self.columns = columns
        self.rows = rows
    }

    public mutating func append(_ row: [Cell]) {
        precondition(row.count == columns.count, "a row must have one cell per column")
        rows.append(row)
    }
}
