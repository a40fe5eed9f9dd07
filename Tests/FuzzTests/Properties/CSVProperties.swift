import Foundation
import Ledger
import Postgres
@testable import Import

/// What `CSVReader` promises over any bytes, read as UTF-8 and as latin1:
/// - it reads to the end without throwing (a file's bytes are never an I/O error) and without a trap;
/// - records start on physical lines 1, 2, … in increasing order, none past the file's last line;
///   a record it could not read cleanly says why (`problem`, never empty);
/// - chunk boundaries change nothing: 64-byte chunks give the same records as one chunk;
/// - the records read cleanly, written back as CSV (fields quoted where they must be, quotes
///   doubled, CRLF between records), read back as the very same fields, lines apart.
/// And over those records, as the import reads them: the first clean record is a header that
/// `ImportHeader` maps or refuses with an `ImportError`; every later record is either a staged
/// line (its own line number, a real ISO date of 1900…2100, 1 cent to `Money.maximum`, non-empty
/// donor, fund and reference) or one or more problems, each naming that record's line.
enum CSVProperties {
    /// A chunk larger than any input the fuzzer makes (`-max_len=4096`, written back ×3 at most):
    /// the whole file at once, without allocating the reader's default 1 MiB for each input.
    static let wholeFile = 1 << 15

    static func violations(_ bytes: [UInt8]) -> [String] {
        var broken: [String] = []
        for encoding in [TextEncoding.utf8, .latin1] {
            broken += check(bytes, encoding: encoding).map { "\(encoding.rawValue): \($0)" }
        }
        return broken.map { "csv \"\(String(decoding: bytes.prefix(200), as: UTF8.self).fuzzEscaped)\": \($0)" }
    }

    static func check(_ bytes: [UInt8], encoding: TextEncoding) -> [String] {
        var broken: [String] = []
        let file: FuzzFile
        do { file = try FuzzFile(bytes) } catch { return ["cannot write a temporary file: \(error)"] }
        let records: [CSVRecord], delimiter: UInt8
        do {
            let reader = try CSVReader(path: file.path, encoding: encoding, chunkSize: wholeFile)
            delimiter = reader.delimiter
            records = try readAll(reader)
        } catch {
            return ["the reader threw \(error)"]
        }
        // Lines: a record starts on a physical line of the file, after the one before.
        let lastLine = physicalLines(bytes)
        var previous = 0
        for record in records {
            if record.line <= previous || record.line > lastLine {
                broken.append("record at line \(record.line) after line \(previous), in a file of \(lastLine) lines")
            }
            previous = record.line
            if let problem = record.problem, problem.isEmpty { broken.append("line \(record.line): an empty problem") }
            if encoding == .latin1, let problem = record.problem, problem.contains("UTF-8") {
                broken.append("line \(record.line): latin1 read as UTF-8: \(problem)")
            }
        }
        let delimiterCharacter = Character(Unicode.Scalar(delimiter))
        do {
            let small = try readAll(try CSVReader(path: file.path, delimiter: delimiterCharacter, encoding: encoding, chunkSize: 64))
            if small != records {
                let first = zip(small, records).first(where: { $0 != $1 })
                broken.append("64-byte chunks read \(small.count) records, one chunk \(records.count); first difference: \(first.map { "\($0) ≠ \($1)" } ?? "in number")")
            }
        } catch {
            broken.append("with 64-byte chunks, the reader threw \(error)")
        }
        // Written back: the clean records' fields, read again, are the same.
        let clean = records.filter { $0.problem == nil }.map(\.fields)
        if !clean.isEmpty {
            let text = clean.map { $0.map { quoted($0, delimiter: delimiterCharacter) }.joined(separator: String(delimiterCharacter)) }
                .joined(separator: "\r\n") + "\r\n"
            do {
                let again = try FuzzFile(Array(text.utf8))
                let reread = try readAll(try CSVReader(path: again.path, delimiter: delimiterCharacter, chunkSize: wholeFile))
                if reread.map(\.fields) != clean || reread.contains(where: { $0.problem != nil }) {
                    broken.append("written back as \"\(text.fuzzEscaped)\", reads as \(reread.map(\.fields)) (problems: \(reread.compactMap(\.problem))), not \(clean)")
                }
            } catch {
                broken.append("written back, the reader threw \(error)")
            }
        }
        broken += checkImport(records)
        return broken
    }

    /// The import's reading of the records: header, then each line staged or refused by line.
    static func checkImport(_ records: [CSVRecord]) -> [String] {
        guard let headerIndex = records.firstIndex(where: { $0.problem == nil }) else { return [] }
        let header: ImportHeader
        do {
            header = try ImportHeader(records[headerIndex].fields)
        } catch is ImportError {
            return []
        } catch {
            return ["the header threw \(type(of: error)), not an ImportError: \(error)"]
        }
        var broken: [String] = []
        var parser = LineParser(header: header, maxProblems: 10_000)
        for record in records[(headerIndex + 1)...] {
            let before = parser.problemCount
            if let staged = parser.parse(record) {
                if parser.problemCount != before { broken.append("line \(record.line): staged, yet a problem was reported") }
                if staged.line != record.line { broken.append("line \(record.line) staged as line \(staged.line)") }
                if let date = CalendarDate(iso: staged.date) {
                    if !DateParser.years.contains(date.year) { broken.append("line \(record.line): staged the year \(date.year)") }
                } else {
                    broken.append("line \(record.line): staged the date \"\(staged.date.fuzzEscaped)\", not a real ISO date")
                }
                if !(1...Money.maximum.cents).contains(staged.cents) { broken.append("line \(record.line): staged \(staged.cents) cents") }
                if staged.donor.isEmpty || staged.fund.isEmpty || staged.reference.isEmpty {
                    broken.append("line \(record.line): staged an empty donor, fund or reference")
                }
            } else {
                let new = parser.problems.dropFirst(min(before, parser.problems.count))
                if parser.problemCount <= before || new.isEmpty {
                    broken.append("line \(record.line): refused without a problem")
                }
                for problem in new where problem.line != record.line || problem.reason.isEmpty {
                    broken.append("line \(record.line): a problem naming line \(problem.line): \"\(problem.reason.fuzzEscaped)\"")
                }
            }
        }
        return broken
    }

    static func readAll(_ reader: CSVReader) throws -> [CSVRecord] {
        var records: [CSVRecord] = []
        while let record = try reader.next() { records.append(record) }
        return records
    }

    /// The number of physical lines: line breaks (CRLF, LF or CR) + 1.
    static func physicalLines(_ bytes: [UInt8]) -> Int {
        var lines = 1
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x0A {
                lines += 1
            } else if bytes[index] == 0x0D {
                lines += 1
                if index + 1 < bytes.count && bytes[index + 1] == 0x0A { index += 1 }
            }
            index += 1
        }
        return lines
    }

    /// A field as CSV writes it: quoted (quotes doubled) when it holds the delimiter, a quote or a
    /// line break, or starts with what a reader would take for a byte-order mark.
    static func quoted(_ field: String, delimiter: Character) -> String {
        let delimiterByte = delimiter.asciiValue ?? 0x2C
        let needsQuotes = field.utf8.contains(where: { $0 == delimiterByte || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D })
            || field.unicodeScalars.first == "\u{FEFF}"
        guard needsQuotes else { return field }
        // Scalar by scalar: a quote followed by a combining mark is one Character that is not `"`
        // (what Reports' CSV writer got wrong; crash-quote-before-combining-mark).
        var quoted = String.UnicodeScalarView()
        quoted.append("\"")
        for scalar in field.unicodeScalars {
            if scalar == "\"" { quoted.append(scalar) }
            quoted.append(scalar)
        }
        quoted.append("\"")
        return String(quoted)
    }
}

/// A temporary file holding `bytes`, removed when released.
final class FuzzFile {
    let path: String

    init(_ bytes: [UInt8]) throws {
        var template = Array("\(NSTemporaryDirectory())/fundledger-fuzz-XXXXXX".utf8CString)
        let descriptor = mkstemp(&template)
        guard descriptor >= 0 else { throw CSVFileError("mkstemp: \(String(cString: strerror(errno)))") }
        path = String(decoding: template.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { close(descriptor); unlink(path); throw CSVFileError("write: \(String(cString: strerror(errno)))") }
            written += count
        }
        close(descriptor)
    }

    deinit { unlink(path) }
}
