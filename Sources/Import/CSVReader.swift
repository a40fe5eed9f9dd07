import Crypto
import Foundation

/// How the bytes of a file become text.
public enum TextEncoding: String, Sendable, CaseIterable {
    /// UTF-8, with or without a byte-order mark.
    case utf8 = "utf-8"
    /// ISO-8859-1, read as Windows-1252 (its superset for printable characters: `€` is 0x80),
    /// which is what spreadsheets mean when they say "latin1".
    case latin1

    /// `utf-8`, `utf8`, `UTF-8`, `latin1`, `latin-1`, `iso-8859-1`, `cp1252`, `windows-1252`.
    public init?(name: String) {
        switch name.lowercased().replacingOccurrences(of: "_", with: "-") {
        case "utf-8", "utf8": self = .utf8
        case "latin1", "latin-1", "iso-8859-1", "iso8859-1", "cp1252", "windows-1252": self = .latin1
        default: return nil
        }
    }
}

/// One record of a CSV file: its fields, and the physical line (1-based) where it starts.
public struct CSVRecord: Sendable, Equatable {
    public var fields: [String]
    public var line: Int
    /// Why the record could not be read cleanly (bad encoding, text after a closing quote,
    /// a quote never closed), nil when it was.
    public var problem: String?
}

/// Why a file cannot be read at all.
public struct CSVFileError: Error, Sendable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}

/// Reads a CSV file (RFC 4180) record by record, a chunk of bytes at a time: quoted fields with
/// delimiters, doubled quotes and line breaks inside; CRLF, LF (or CR) line ends; UTF-8 with or
/// without BOM, or latin1. Memory stays flat whatever the file's size.
public final class CSVReader {
    public let path: String
    public let encoding: TextEncoding
    /// The delimiter: given, or detected from the header line (`;` or `,`, else tab).
    public private(set) var delimiter: UInt8
    /// The file's size in bytes, for progress.
    public let fileSize: Int64
    /// Bytes read so far.
    public private(set) var bytesRead: Int64 = 0
    /// SHA-256 of every byte read so far, BOM included.
    private var hasher = SHA256()

    private let file: UnsafeMutablePointer<FILE>
    private var buffer: [UInt8]
    private var position = 0
    private var end = 0
    private var atEOF = false
    private var line = 1
    private var skipNextLF = false

    public init(path: String, delimiter: Character? = nil, encoding: TextEncoding = .utf8,
                chunkSize: Int = 1 << 20) throws {
        self.path = path
        self.encoding = encoding
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw CSVFileError("cannot read \(path): \(String(cString: strerror(errno)))")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw CSVFileError("\(path) is not a file") }
        guard let file = fopen(path, "rb") else {
            throw CSVFileError("cannot open \(path): \(String(cString: strerror(errno)))")
        }
        self.file = file
        self.fileSize = Int64(info.st_size)
        self.buffer = [UInt8](repeating: 0, count: max(chunkSize, 64))
        if let delimiter {
            guard let ascii = delimiter.asciiValue, delimiter != "\"", delimiter != "\n", delimiter != "\r" else {
                fclose(file)
                throw CSVFileError("the delimiter must be one ASCII character other than a quote or a line break")
            }
            self.delimiter = ascii
        } else {
            self.delimiter = UInt8(ascii: ",")
        }
        try fill()
        if encoding == .utf8, end - position >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF {
            position = 3
        }
        if delimiter == nil { self.delimiter = detectDelimiter() }
    }

    deinit { fclose(file) }

    /// The SHA-256 of a file's bytes, in hexadecimal, read a chunk at a time.
    public static func sha256(path: String, chunkSize: Int = 1 << 20) throws -> String {
        guard let file = fopen(path, "rb") else {
            throw CSVFileError("cannot open \(path): \(String(cString: strerror(errno)))")
        }
        defer { fclose(file) }
        var hasher = SHA256()
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        while true {
            let count = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if count > 0 { buffer.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[0..<count])) } }
            if count < chunkSize {
                if ferror(file) != 0 { throw CSVFileError("error reading \(path)") }
                break
            }
        }
        return hasher.finalize().hexadecimal
    }

    /// The SHA-256 of the whole file, in hexadecimal; reads what is left of it first.
    public func sha256() throws -> String {
        while !atEOF {
            position = end
            try fill()
        }
        return hasher.finalize().hexadecimal
    }

    /// The next record, nil at the end of the file. Blank lines (and lines of empty fields only,
    /// as spreadsheets leave at the end) are skipped.
    public func next() throws -> CSVRecord? {
        while true {
            guard let record = try readRecord() else { return nil }
            if record.problem == nil && record.fields.allSatisfy(\.isEmpty) { continue }
            return record
        }
    }

    // MARK: - Parsing

    private func fill() throws {
        if position < end { return }
        guard !atEOF else { return }
        let count = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
        if count < buffer.count {
            if ferror(file) != 0 { throw CSVFileError("error reading \(path): \(String(cString: strerror(errno)))") }
            atEOF = true
        }
        position = 0
        end = count
        bytesRead += Int64(count)
        if count > 0 {
            buffer.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
        }
    }

    /// `;` or `,`, whichever the header line (outside quotes) has more of; tab if it has neither.
    private func detectDelimiter() -> UInt8 {
        var quoted = false
        var counts: [UInt8: Int] = [:]
        var index = position
        while index < end {
            let byte = buffer[index]
            if byte == 0x22 { quoted.toggle() }
            if !quoted {
                if byte == 0x0A || byte == 0x0D { break }
                if byte == 0x3B || byte == 0x2C || byte == 0x09 { counts[byte, default: 0] += 1 }
            }
            index += 1
        }
        let semicolons = counts[0x3B] ?? 0, commas = counts[0x2C] ?? 0, tabs = counts[0x09] ?? 0
        if semicolons == 0 && commas == 0 && tabs > 0 { return 0x09 }
        return semicolons > commas ? 0x3B : 0x2C
    }

    private func readRecord() throws -> CSVRecord? {
        try fill()
        if position >= end { return nil }
        let startLine = line
        var fields: [String] = []
        var field: [UInt8] = []
        var problem: String?
        var quoted = false        // inside a quoted field
        var wasQuoted = false     // the current field was quoted (its closing quote has been seen)
        let delimiter = self.delimiter

        func finishField() {
            if let text = decode(field) {
                fields.append(text)
            } else {
                fields.append(String(decoding: field, as: UTF8.self))
                if problem == nil {
                    problem = "field \(fields.count) is not valid UTF-8 (try --encoding latin1)"
                }
            }
            field.removeAll(keepingCapacity: true)
            wasQuoted = false
        }

        while true {
            if position >= end {
                try fill()
                if position >= end {
                    // End of file: a record without a final line break is still a record.
                    if quoted, problem == nil { problem = "a quoted field is never closed" }
                    finishField()
                    return CSVRecord(fields: fields, line: startLine, problem: problem)
                }
            }
            let byte = buffer[position]
            position += 1
            if skipNextLF {
                skipNextLF = false
                if byte == 0x0A { continue }
            }
            if quoted {
                if byte == 0x22 {
                    if position >= end { try fill() }
                    if position < end && buffer[position] == 0x22 {
                        field.append(0x22)
                        position += 1
                    } else {
                        quoted = false
                        wasQuoted = true
                    }
                } else {
                    if byte == 0x0A {
                        line += 1
                    } else if byte == 0x0D {
                        line += 1
                        skipNextLF = true
                        field.append(0x0A)  // CRLF (or CR) inside a field becomes LF
                        continue
                    }
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case delimiter:
                finishField()
            case 0x0A, 0x0D:
                line += 1
                if byte == 0x0D { skipNextLF = true }
                finishField()
                return CSVRecord(fields: fields, line: startLine, problem: problem)
            case 0x22 where field.isEmpty && !wasQuoted:
                quoted = true
            default:
                if wasQuoted, problem == nil {
                    problem = "text after the closing quote of field \(fields.count + 1)"
                }
                field.append(byte)
            }
        }
    }

    private func decode(_ bytes: [UInt8]) -> String? {
        switch encoding {
        case .utf8:
            return String(validating: bytes, as: UTF8.self)
        case .latin1:
            var scalars = String.UnicodeScalarView()
            for byte in bytes {
                if byte >= 0x80 && byte < 0xA0 {
                    scalars.append(Self.windows1252[Int(byte - 0x80)])
                } else {
                    scalars.append(Unicode.Scalar(byte))
                }
            }
            return String(scalars)
        }
    }

    /// Windows-1252's printable characters at 0x80…0x9F (unassigned codes keep their C1 value).
    private static let windows1252: [Unicode.Scalar] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ].map { Unicode.Scalar(UInt32($0))! }
}

extension SHA256Digest {
    /// Lowercase hexadecimal, as PostgreSQL's `encode(sha256(…), 'hex')` prints it.
    var hexadecimal: String {
        map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0f)]])
        }.joined()
    }
}
