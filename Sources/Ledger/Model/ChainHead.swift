import Postgres

/// The last seal of one fund's chain of entries (tamper evidence, migration 0019): which entry
/// it is, at which place of the chain, and the SHA-256 that covers it and, through the chain,
/// every entry of the fund before it.
///
/// `verify` recomputes every chain from the journal and finds an edit made behind the triggers'
/// back, but not a whole chain rewritten consistently by someone able to write every table. A
/// head printed earlier (`fundledger verify --print-head`) and kept outside the database
/// (e-mailed to the treasurer, printed in the minutes, in another system) catches that too
/// (`fundledger verify --head FILE`): the entry it names must still be at its place with its hash.
///
/// The head file, version 1 (stable; `lines(_:)` writes it, `parse(_:)` reads it):
/// ```
/// # fundledger chain head v1
/// # fonds	id	rang	écriture	empreinte
/// GAZA	1	1234	56789	<64 lowercase hexadecimal digits>
/// ```
/// One line per fund holding at least one entry, in fund id order; fields separated by one tab:
/// fund code, fund id, position of the last entry in the chain (1 for the first), that entry's
/// id, its hash. Lines starting with `#` are comments; the first must be the version line.
public struct ChainHead: Sendable, Codable, Equatable, RowDecodable {
    public var fundCode: String
    public var fundID: Int64
    public var position: Int64
    public var entryID: Int64
    /// SHA-256 of the entry's canonical form after the previous entry's hash, hexadecimal.
    public var hash: String

    public init(fundCode: String, fundID: Int64, position: Int64, entryID: Int64, hash: String) {
        self.fundCode = fundCode
        self.fundID = fundID
        self.position = position
        self.entryID = entryID
        self.hash = hash
    }

    init(row: PostgresRow) throws {
        fundCode = try row.decode("fund_code")
        fundID = try row.decode("fund_id")
        position = try row.decode("position")
        entryID = try row.decode("entry_id")
        hash = try row.decode("hash")
    }

    enum CodingKeys: String, CodingKey {
        case fundCode = "fund_code", fundID = "fund_id", position, entryID = "entry_id", hash
    }

    /// The first line of a head file.
    public static let versionLine = "# fundledger chain head v1"

    /// The head file: the version line, a comment naming the columns, one line per head.
    public static func file(_ heads: [ChainHead]) -> String {
        ([versionLine, "# fonds\tid\trang\técriture\tempreinte"] + heads.map(\.line)).joined(separator: "\n") + "\n"
    }

    /// This head's line of the head file.
    public var line: String { "\(fundCode)\t\(fundID)\t\(position)\t\(entryID)\t\(hash)" }

    /// The heads a head file holds; a file that is not one (no version line, a malformed line)
    /// is an `InputError` of `field` naming the line.
    public static func parse(_ text: String, field: String = "--head") throws -> [ChainHead] {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        guard lines.first?.trimmingTrailingSpaces == versionLine else {
            throw InputError(field: field, value: lines.first ?? "",
                             reason: "ce n’est pas un fichier de tête de chaîne (« \(versionLine) » attendu en première ligne)")
        }
        var heads: [ChainHead] = []
        for (index, raw) in lines.enumerated().dropFirst() {
            let line = raw.trimmingTrailingSpaces
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 5, !fields[0].isEmpty,
                  let fundID = Int64(fields[1]), let position = Int64(fields[2]), position >= 1,
                  let entryID = Int64(fields[3]),
                  fields[4].count == 64, fields[4].allSatisfy({ $0.isHexDigit }) else {
                throw InputError(field: field, value: line,
                                 reason: "ligne \(index + 1) : fonds, id, rang, écriture et empreinte (64 chiffres hexadécimaux) séparés par une tabulation attendus")
            }
            heads.append(ChainHead(fundCode: fields[0], fundID: fundID, position: position, entryID: entryID,
                                   hash: fields[4].lowercased()))
        }
        return heads
    }
}

private extension String {
    var trimmingTrailingSpaces: String {
        var text = self
        while let last = text.last, last == " " || last == "\r" || last == "\t" { text.removeLast() }
        return text
    }
}
