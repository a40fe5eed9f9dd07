import Foundation
import Ledger
import Testing
@testable import Import

@Suite("CSV reader")
struct CSVReaderTests {
    @Test func bomCRLFAndSemicolonsAreDetected() throws {
        let file = try TemporaryFile(bytes: [0xEF, 0xBB, 0xBF] + Array("a;b;c\r\n1;\"x;y\";3\r\n\r\n4;5;6\r\n".utf8))
        let reader = try CSVReader(path: file.path)
        #expect(reader.delimiter == UInt8(ascii: ";"))
        let records = try readAll(reader)
        #expect(records.map(\.fields) == [["a", "b", "c"], ["1", "x;y", "3"], ["4", "5", "6"]])
        #expect(records.map(\.line) == [1, 2, 4])
    }

    @Test func quotedNewlinesQuotesAndPhysicalLineNumbers() throws {
        let text = "h1,h2\n\"two\nlines\",\"say \"\"hi\"\"\"\n\"three\r\nphysical\nlines\",x\nlast,line"
        let file = try TemporaryFile(bytes: Array(text.utf8))
        // A tiny chunk size puts chunk boundaries inside quotes and doubled quotes.
        let reader = try CSVReader(path: file.path, chunkSize: 3)
        #expect(reader.delimiter == UInt8(ascii: ","))
        let records = try readAll(reader)
        #expect(records.map(\.fields) == [["h1", "h2"], ["two\nlines", "say \"hi\""],
                                          ["three\nphysical\nlines", "x"], ["last", "line"]])
        #expect(records.map(\.line) == [1, 2, 4, 7])
        #expect(records.allSatisfy { $0.problem == nil })
    }

    @Test func problemsAreReportedPerRecord() throws {
        let file = try TemporaryFile(bytes: Array("a,b\n\"x\"y,1\nok,2\n".utf8) + [0x66, 0xE9, 0x2C, 0x33, 0x0A] + Array("\"never closed,4\n".utf8))
        let records = try readAll(try CSVReader(path: file.path))
        #expect(records.count == 5)
        #expect(records[1].problem?.contains("after the closing quote") == true)
        #expect(records[2].problem == nil)
        #expect(records[3].problem?.contains("UTF-8") == true)
        #expect(records[4].problem?.contains("never closed") == true)
        #expect(records[4].line == 5)
    }

    @Test func latin1IsReadAsWindows1252() throws {
        // "Liffré;1 234,56 €" in Windows-1252.
        let bytes: [UInt8] = Array("donor;amount\nLiffr".utf8) + [0xE9] + Array(";1 234,56 ".utf8) + [0x80, 0x0A]
        let file = try TemporaryFile(bytes: bytes)
        let records = try readAll(try CSVReader(path: file.path, encoding: .latin1))
        #expect(records[1].fields == ["Liffré", "1 234,56 €"])
    }

    @Test func givenDelimiterWins() throws {
        let file = try TemporaryFile(bytes: Array("a|b,c\n1|2,3\n".utf8))
        let records = try readAll(try CSVReader(path: file.path, delimiter: "|"))
        #expect(records[1].fields == ["1", "2,3"])
    }

    @Test func fileDigestIsTheSHA256OfEveryByte() throws {
        let file = try TemporaryFile(bytes: Array("abc".utf8))
        #expect(try CSVReader(path: file.path).sha256() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func headersInFrenchOrEnglishAnyOrderAnyCase() throws {
        let header = try ImportHeader(["Montant", "DATE DE RÉCEPTION", "collectivite", "Fonds", "Référence", "promesse", "Clé", "Libellé"])
        #expect(header.index[.amount] == 0 && header.index[.date] == 1 && header.index[.donor] == 2)
        #expect(header.index[.fund] == 3 && header.index[.reference] == 4 && header.index[.pledge] == 5)
        #expect(header.index[.idempotencyKey] == 6 && header.ignored == ["Libellé"])
        let english = try ImportHeader(["received_on", "donor", "fund", "amount", "reference", "pledge_id", "idempotency_key"])
        #expect(english.index.count == 7)
        #expect(throws: ImportError.self) { try ImportHeader(["date", "donor", "fund", "reference"]) }
        #expect(throws: ImportError.self) { try ImportHeader(["date", "donor", "donateur", "fund", "amount", "reference"]) }
    }

    /// The fast path for plain amounts agrees with MoneyParser on every string it accepts, and
    /// accepts the usual shapes.
    @Test func plainAmountsReadExactlyAsMoneyParserReadsThem() throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789 ,.")
        var accepted = 0
        for _ in 0..<50_000 {
            let length = Int.random(in: 1...9, using: &generator)
            let text = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
            guard let cents = LineParser.plainCents(text) else { continue }
            accepted += 1
            #expect((try? MoneyParser.parse(text).cents) == cents, "\(text)")
        }
        #expect(accepted > 100)
        for (text, cents) in [("1234", 123_400), ("1234,5", 123_450), ("1 234,56", 123_456), ("0.07", 7),
                              ("12 345 678.90", 1_234_567_890)] as [(String, Int64)] {
            #expect(LineParser.plainCents(text) == cents)
        }
        for text in ["1,234", "12 34", "0", "1 234 5", ",5", "1e3", "-5", "1 234,567"] {
            #expect(LineParser.plainCents(text) == nil, "\(text)")
        }
        #expect(LineParser.isCleanASCII("VIR-2026 01") && !LineParser.isCleanASCII(" x") && !LineParser.isCleanASCII("é"))
    }

    private func readAll(_ reader: CSVReader) throws -> [CSVRecord] {
        var records: [CSVRecord] = []
        while let record = try reader.next() { records.append(record) }
        return records
    }
}

/// A file in the temporary folder, removed when the value goes away.
final class TemporaryFile {
    let path: String

    init(bytes: [UInt8], name: String = "import.csv") throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fundledger-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        path = folder.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    convenience init(_ text: String, name: String = "import.csv") throws {
        try self.init(bytes: Array(text.utf8), name: name)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path)
    }
}
