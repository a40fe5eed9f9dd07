import Ledger
import Postgres

/// The Fichier des Écritures Comptables of one fiscal (calendar) year, for the accountant.
///
/// `<SIREN>FEC<YYYYMMDD>.txt` (YYYYMMDD: closing date, 31 December), UTF-8, tab-separated, the
/// 18 columns of article A47 A-1 of the Livre des procédures fiscales in their order with a
/// header line, dates `AAAAMMJJ`, amounts with a decimal comma and no thousands separator.
///
/// - Journals: `BQ` (Banque) for money that moves through the bank — contributions and
///   disbursements —, `OD` (Opérations diverses) for pledges and write-offs. A reversal keeps
///   its original's kind, hence its journal.
/// - `EcritureNum` runs 1, 2, 3… without gaps within each journal. A validated entry
///   (`fundledger period close`, `entry validate`) carries the number and the `ValidDate` given
///   at its validation, stored and never changed, so the FEC of a closed year is the same file at
///   every export; entries not yet validated follow, numbered in date then entry order, with the
///   day they were recorded as `ValidDate` (provisional).
/// - `CompteNum` is the chart account (441700, 740000, 512000, 657000); the fund, which the
///   six-digit chart cannot carry, starts `EcritureLib` (`[GAZA] …`).
/// - On 441 lines the donor is the auxiliary account: `CompAuxNum` `COL000012`, `CompAuxLib` its name.
/// - `PieceRef` is the business reference (délibération, transfer) or `E<entry id>`.
///
/// Streams: rows come through a server-side cursor in batches and go to a temporary file renamed
/// into place at the end, so memory stays flat for any ledger size and a failure leaves no file.
public struct FECExport {
    public static let columns = [
        "JournalCode", "JournalLib", "EcritureNum", "EcritureDate", "CompteNum", "CompteLib",
        "CompAuxNum", "CompAuxLib", "PieceRef", "PieceDate", "EcritureLib", "Debit", "Credit",
        "EcritureLet", "DateLet", "ValidDate", "Montantdevise", "Idevise",
    ]

    public struct Summary: Sendable, Equatable {
        public var path: String
        public var lines: Int
        public var entries: Int
        public var debits: Money
        public var credits: Money
    }

    public let connection: PostgresConnection
    public var year: Int
    public var siren: String
    /// Rows per FETCH.
    public var batchSize = 5_000

    public init(connection: PostgresConnection, year: Int, siren: String) throws {
        guard siren.count == 9, siren.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw ReportError("SIREN «\u{00A0}\(siren)\u{00A0}»\u{00A0}: il faut neuf chiffres")
        }
        guard (1900...9999).contains(year) else { throw ReportError("\(year) n’est pas un exercice") }
        self.connection = connection
        self.year = year
        self.siren = siren
    }

    /// `123456789FEC20261231.txt`.
    public var fileName: String { "\(siren)FEC\(year)1231.txt" }

    /// Parameters: $1 first day, $2 last day of the year.
    public static let sql = """
        WITH entries AS (
            SELECT e.id, e.fund_id, e.value_date, e.description, e.recorded_at, fec_journal(e.kind) AS journal,
                   v.number AS validated_number, v.validated_on
              FROM journal_entries e
              LEFT JOIN entry_validations v ON v.entry_id = e.id
             WHERE e.value_date BETWEEN $1::date AND $2::date
        ), numbered AS (
            -- A validated entry keeps its number; the others follow the journal's last one, in
            -- date then entry order, until they are validated.
            SELECT n.*,
                   coalesce(n.validated_number,
                            coalesce(max(n.validated_number) OVER (PARTITION BY n.journal), 0)
                            + row_number() OVER (PARTITION BY n.journal, n.validated_number IS NULL
                                                 ORDER BY n.value_date, n.id)) AS num
              FROM entries n
        )
        SELECT n.journal, n.num, to_char(n.value_date, 'YYYYMMDD') AS day, a.number, c.label,
               a.donor_id, d.name AS donor,
               coalesce(pl.reference, co.reference, di.reference, 'E' || n.id) AS piece,
               '[' || f.code || '] ' || n.description AS label_line,
               p.amount,
               to_char(coalesce(n.validated_on, (n.recorded_at AT TIME ZONE 'UTC')::date), 'YYYYMMDD') AS valid_on,
               n.id AS entry_id
          FROM numbered n
          JOIN postings p ON p.entry_id = n.id
          JOIN accounts a ON a.id = p.account_id
          JOIN chart_of_accounts c ON c.number = a.number
          JOIN funds f ON f.id = n.fund_id
          LEFT JOIN donors d ON d.id = a.donor_id
          LEFT JOIN pledges pl ON pl.entry_id = n.id
          LEFT JOIN contributions co ON co.entry_id = n.id
          LEFT JOIN disbursements di ON di.entry_id = n.id
         ORDER BY n.value_date, n.journal, n.num, p.id
        """

    /// Writes the file into `directory` and returns what it holds.
    public func write(toDirectory directory: String) throws -> Summary {
        let path = directory.hasSuffix("/") ? directory + fileName : directory + "/" + fileName
        let file = try AtomicFile(path: path)
        do {
            let summary = try connection.transaction(isolation: .repeatableRead, retry: .never) { connection in
                try connection.execute(script: "SET TRANSACTION READ ONLY")
                guard let first = CalendarDate(year: year, month: 1, day: 1),
                      let last = CalendarDate(year: year, month: 12, day: 31) else {
                    throw ReportError("\(year) n’est pas un exercice")
                }
                try connection.query(PostgresQuery(sql: "DECLARE fec_lines NO SCROLL CURSOR FOR " + Self.sql,
                                                   binds: [first, last]))
                try file.write(Self.columns.joined(separator: "\t") + "\n")
                var lines = 0, entries = 0
                var debits: Int64 = 0, credits: Int64 = 0
                var lastEntry: Int64 = -1
                while true {
                    let rows = try connection.query(PostgresQuery(sql: "FETCH FORWARD \(batchSize) FROM fec_lines"))
                    if rows.isEmpty { break }
                    for row in rows {
                        let amount: Int64 = try row.decode("amount")
                        let entry: Int64 = try row.decode("entry_id")
                        if entry != lastEntry { entries += 1; lastEntry = entry }
                        if amount > 0 { debits += amount } else { credits -= amount }
                        let journal: String = try row.decode("journal")
                        let day: String = try row.decode("day")
                        let donorID = try row.decode("donor_id", as: Int64?.self)
                        let fields: [String] = [
                            journal,
                            journal == "BQ" ? "Banque" : "Opérations diverses",
                            try row.decode("num", as: String.self),
                            day,
                            try row.decode("number"),
                            try row.decode("label"),
                            donorID.map(Self.auxiliaryAccount) ?? "",
                            try row.decode("donor", as: String?.self) ?? "",
                            try row.decode("piece"),
                            day,
                            try row.decode("label_line"),
                            Money(cents: max(amount, 0)).decimalComma,
                            Money(cents: max(-amount, 0)).decimalComma,
                            "", "",
                            try row.decode("valid_on"),
                            "", "",
                        ]
                        try file.write(fields.map(Self.field).joined(separator: "\t") + "\n")
                        lines += 1
                    }
                }
                try connection.execute(script: "CLOSE fec_lines")
                return Summary(path: path, lines: lines, entries: entries, debits: Money(cents: debits),
                               credits: Money(cents: credits))
            }
            try file.commit()
            return summary
        } catch {
            file.discard()
            throw error
        }
    }

    /// `COL000012`: the donor's auxiliary account.
    public static func auxiliaryAccount(_ donorID: Int64) -> String {
        let digits = String(donorID)
        return "COL" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// A field never holds the separator or a line break, nor starts as a formula would
    /// (the accountant opens the file in a spreadsheet; see `SpreadsheetCell`). Amounts are
    /// written without sign (debit and credit columns), so no number is touched.
    static func field(_ value: String) -> String {
        let flat = value.contains(where: { $0 == "\t" || $0.isNewline })
            ? String(value.map { $0 == "\t" || $0.isNewline ? " " : $0 }) : value
        return SpreadsheetCell.inert(flat)
    }
}
