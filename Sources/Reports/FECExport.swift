import Ledger
import Postgres

/// The Fichier des Écritures Comptables of one fiscal (calendar) year, for the accountant: the
/// funds' entries, to be merged into the association's general books.
///
/// `<SIREN>FEC<YYYYMMDD>.txt` (YYYYMMDD: closing date, 31 December), in ISO 8859-15 (`Latin9`,
/// the default: what the text cannot hold is transliterated) or UTF-8, tab-separated, the 18
/// columns of article A47 A-1 of the Livre des procédures fiscales in their order with a header
/// line, dates `AAAAMMJJ`, amounts with a decimal comma and no thousands separator.
///
/// - Journals: `AN` (À-nouveaux) for the opening entries, once the previous year is closed: per
///   fund, the bank and each donor's receivable as they stood on 31 December, against 110000
///   Report à nouveau (`FECOpeningEntries`); `BQ` (Banque) for money that moves through the bank
///   — contributions and disbursements —, `OD` (Opérations diverses) for pledges and write-offs.
///   A reversal keeps its original's kind, hence its journal.
/// - `EcritureNum` runs 1, 2, 3… without gaps within each journal. A validated entry
///   (`fundledger period close`, `entry validate`) carries the number and the `ValidDate` given
///   at its validation, stored and never changed, so the FEC of a closed year is the same file at
///   every export; entries not yet validated follow, numbered in date then entry order, with the
///   day they were recorded as `ValidDate` (provisional).
/// - `CompteNum` is the chart account with the fund's code as a sub-account suffix
///   (`512000GAZA`), so the accountant can filter a fund; `EcritureLib` starts with it too.
/// - Auxiliary accounts: the donor on 441 and 6582 (refund) lines (`COL000012`), the partner on
///   657 lines (`PAR000003`), each with its name in `CompAuxLib`.
/// - `PieceRef` is the business reference — the délibération of a pledge, the bank reference of
///   a receipt or a payment, the agreement of a reallocation or refund —, a reversal's own or its
///   original's, else `E<entry id>`.
/// - Lettrage: a pledge's 441 lines carry `EcritureLet` `P<pledge>` and `DateLet` once they
///   balance (voted = received + written off) with postings dated up to the year's last day, so
///   a closed year's letters never move.
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
    public var encoding: FECEncoding = .latin9
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
                func write(_ fields: [String]) throws {
                    let line = fields.map(Self.field).joined(separator: "\t") + "\n"
                    try file.write(bytes: encoding == .latin9 ? Latin9.encode(line) : Array(line.utf8))
                }
                try write(Self.columns)
                var lines = 0, entries = 0
                var debits: Int64 = 0, credits: Int64 = 0
                for entry in try FECOpeningEntries.read(connection, year: year) {
                    entries += 1
                    for line in entry.lines {
                        if line.amount > 0 { debits += line.amount } else { credits -= line.amount }
                        try write(line.fields)
                        lines += 1
                    }
                }
                try connection.query(PostgresQuery(sql: "DECLARE fec_lines NO SCROLL CURSOR FOR " + Self.sql,
                                                   binds: [first, last]))
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
                        try write([
                            journal,
                            journal == "BQ" ? "Banque" : "Opérations diverses",
                            try row.decode("num", as: String.self),
                            day,
                            try row.decode("account"),
                            try row.decode("account_label"),
                            try row.decode("aux_donor_id", as: Int64?.self).map(Self.auxiliaryAccount)
                                ?? row.decode("aux_partner_id", as: Int64?.self).map(Self.partnerAccount) ?? "",
                            try row.decode("aux_label", as: String?.self) ?? "",
                            try row.decode("piece"),
                            day,
                            try row.decode("label_line"),
                            Money(cents: max(amount, 0)).decimalComma,
                            Money(cents: max(-amount, 0)).decimalComma,
                            try row.decode("letter", as: String?.self) ?? "",
                            try row.decode("letter_day", as: String?.self) ?? "",
                            try row.decode("valid_on"),
                            "", "",
                        ])
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
    public static func auxiliaryAccount(_ donorID: Int64) -> String { account("COL", donorID) }

    /// `PAR000003`: the partner's auxiliary account, on grant lines.
    public static func partnerAccount(_ partnerID: Int64) -> String { account("PAR", partnerID) }

    /// A prefix and the id on six digits at least (never cut).
    private static func account(_ prefix: String, _ id: Int64) -> String {
        let digits = String(id)
        return prefix + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
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
