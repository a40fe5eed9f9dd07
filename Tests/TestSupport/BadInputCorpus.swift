import Foundation
import Ledger
import Postgres

/// The bad-input corpus (`Tests/TestSupport/Fixtures/bad-inputs/`): one manifest per family
/// (`amounts.json`, `dates.json`, `names.json`, `csv.json`, `http-bodies.json`, `web-forms.json`),
/// each stating its rule and, per case, the field or line its refusal must name; data files (the
/// CSV family's) beside them. The tests of the command line, the API and the screens iterate the
/// same cases, so that adding a case is adding a line (and perhaps a file), no code.
public enum BadInputCorpus {
    /// The corpus's folder, found from this source file (the tests run from the package's build).
    public static let folder: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().appendingPathComponent("Fixtures/bad-inputs")

    /// The cases of a family's manifest (`amounts` reads `amounts.json`).
    public static func cases(_ family: String) throws -> [BadInput] {
        let url = folder.appendingPathComponent("\(family).json")
        let manifest = try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: url))
        guard manifest.family == family, !manifest.rule.isEmpty else {
            throw TestSetupError("\(url.path): family \"\(manifest.family)\" without its rule")
        }
        var seen = Set<String>()
        return try manifest.cases.map { entry in
            guard seen.insert(entry.id).inserted else { throw TestSetupError("\(url.path): case \(entry.id) twice") }
            var input = entry
            input.fixture = "\(family).json#\(entry.id)"
            return input
        }
    }

    /// The ledger every surface runs the corpus against: GAZA (opened 2026-01-02) holding
    /// 3 000 € from Bondy, the donors Bondy, Liffré and Écully, a project with a milestone: a
    /// ledger with rows in its tables, so that a stray write shows. `fundAndDonorsExist`: the
    /// ledger already holds GAZA, Bondy and Écully (WebServer's); only Liffré is added.
    public static func seed(_ store: LedgerStore, fundAndDonorsExist: Bool = false) throws {
        if fundAndDonorsExist {
            _ = try store.addDonor(name: "Liffré")
        } else {
            _ = try store.openFund(code: "GAZA", name: "Urgence Gaza", audience: nil,
                                   openedOn: CalendarDate(year: 2026, month: 1, day: 2)!)
            for name in ["Bondy", "Liffré", "Écully"] { _ = try store.addDonor(name: name) }
        }
        _ = try store.recordContribution(donor: "Bondy", fund: "GAZA", amount: Money(cents: 300_000),
                                         on: CalendarDate(year: 2026, month: 2, day: 1)!, reference: "VIR-1")
        _ = try store.addPartner(name: "Super Novae")
        let project = try store.addProject(fund: "GAZA", partner: "Super Novae", title: "Eau potable")
        _ = try store.addMilestone(project: project.id, title: "Forage",
                                   dueOn: CalendarDate(year: 2026, month: 6, day: 1)!, tranche: Money(cents: 100_000))
    }

    /// The bytes of a case's data file (relative to the corpus's folder).
    public static func data(_ path: String) throws -> Data {
        try Data(contentsOf: folder.appendingPathComponent(path))
    }

    struct Manifest: Decodable {
        var family: String
        var rule: String
        var cases: [BadInput]
    }
}

/// What a refusal must be, for one way of using a value (a new name, a name looked up).
public struct BadInputRefusal: Decodable, Sendable {
    /// `invalid`, `duplicate` or `not-found`.
    public var refusal: String
    /// The field the refusal names.
    public var field: String
    /// Words the message must hold (the existing donor a look-alike imitates).
    public var mentions: String?
}

/// A text that is given as is or repeated: `"abc"` or `{"value": "a", "repeat": 10000}`.
public struct RepeatedText: Decodable, Sendable {
    public var text: String

    public init(from decoder: any Decoder) throws {
        if let plain = try? decoder.singleValueContainer().decode(String.self) {
            text = plain
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        text = String(repeating: try container.decode(String.self, forKey: .value),
                      count: try container.decodeIfPresent(Int.self, forKey: .repeat) ?? 1)
    }

    enum CodingKeys: String, CodingKey { case value, `repeat` }
}

/// One case of the corpus. Which members it has depends on its family (see each manifest's rule).
public struct BadInput: Decodable, Sendable, CustomStringConvertible {
    public var id: String
    /// Why this input is bad, in a few words.
    public var why: String
    /// `family.json#id`, for failure messages.
    public var fixture = ""

    /// amounts, dates, names: the text (repeated `repeat` times).
    public var value: String?
    private var repeatCount: Int?
    /// The field the refusal must name (amounts, dates, http-bodies, web-forms).
    public var field: String?
    /// Words the refusal's message must hold.
    public var mentions: String?
    /// Drivers that cannot carry this value (`cli`, `api`, `web`).
    public var skip: [String]?

    /// names: tried as a new donor's name, and as a donor looked up.
    public var new: BadInputRefusal?
    public var lookup: BadInputRefusal?

    /// csv: the data file, and the line its refusal names (nil: the file as a whole).
    public var file: String?
    public var line: Int?

    /// http-bodies.
    public var path: String?
    public var contentType: String?
    public var body: String?
    public var bodyHex: String?
    public var generate: Generator?
    public var status: Int?
    /// The `Idempotency-Key` header, when the case is about it.
    public var idempotencyKey: RepeatedText?

    /// web-forms: which form, the values that differ from its good ones.
    public var form: String?
    public var fields: [String: RepeatedText]?

    /// A body built by repetition: prefix + repeat × count + middle + close × count + suffix.
    public struct Generator: Decodable, Sendable {
        public var prefix: String
        public var `repeat`: String
        public var count: Int
        public var middle: String
        public var close: String
        public var suffix: String
    }

    enum CodingKeys: String, CodingKey {
        case id, why, value, repeatCount = "repeat", field, mentions, skip, new, lookup, file, line
        case path, contentType = "content_type", body, bodyHex = "body_hex", generate, status, form, fields
        case idempotencyKey = "idempotency_key"
    }

    /// The value, repeated as the manifest says.
    public var text: String {
        String(repeating: value ?? "", count: repeatCount ?? 1)
    }

    /// The HTTP body's bytes.
    public var bodyBytes: Data {
        if let bodyHex {
            var bytes: [UInt8] = []
            var index = bodyHex.startIndex
            while index < bodyHex.endIndex {
                let next = bodyHex.index(index, offsetBy: 2)
                bytes.append(UInt8(bodyHex[index..<next], radix: 16)!)
                index = next
            }
            return Data(bytes)
        }
        if let generate {
            var data = Data(generate.prefix.utf8)
            data.reserveCapacity(generate.prefix.utf8.count + generate.count * (generate.repeat.utf8.count + generate.close.utf8.count) + 64)
            let open = Data(generate.repeat.utf8), close = Data(generate.close.utf8)
            for _ in 0..<generate.count { data.append(open) }
            data.append(Data(generate.middle.utf8))
            for _ in 0..<generate.count { data.append(close) }
            data.append(Data(generate.suffix.utf8))
            return data
        }
        return Data((body ?? "").utf8)
    }

    public func skips(_ driver: String) -> Bool { skip?.contains(driver) ?? false }

    /// The fixture and the input, shortened, for failure messages.
    public var description: String {
        let shown = text.count > 60 ? String(text.prefix(40)) + "…(\(text.count) characters)" : text
        return "\(fixture) (\(why))" + (value != nil ? " value \(shown.debugDescription)" : "")
    }
}
