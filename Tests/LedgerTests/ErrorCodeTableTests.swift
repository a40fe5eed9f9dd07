import Foundation
import Ledger
import Testing

/// The ledger's error codes are declared once in SQL (raised with `ERRCODE = 'FL…'`) and once in
/// Swift (`LedgerErrorCode`): the two tables must agree.
@Suite("One error table: SQL and Swift agree")
struct ErrorCodeTableTests {
    /// Codes declared in Swift for SQL being written at the same time (the pledge date check,
    /// the accepted date range, refused text); empty once `sql/` raises them all. Remove a code
    /// from here as soon as it is raised: the check below then covers it.
    static let declaredButNotYetRaised: Set<String> = []

    static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }  // Tests/LedgerTests/ErrorCodeTableTests.swift
        return url
    }()

    /// The text of every file under `sql/`, by path relative to the root.
    static func sqlFiles() throws -> [(path: String, text: String)] {
        let sql = repositoryRoot.appendingPathComponent("sql")
        guard let walker = FileManager.default.enumerator(at: sql, includingPropertiesForKeys: [.isRegularFileKey]) else {
            throw CocoaError(.fileReadNoSuchFile)
        }
        var files: [(String, String)] = []
        for case let url as URL in walker where url.pathExtension == "sql" {
            files.append((url.path.replacingOccurrences(of: repositoryRoot.path + "/", with: ""),
                          try String(contentsOf: url, encoding: .utf8)))
        }
        return files.sorted { $0.0 < $1.0 }
    }

    /// Every `ERRCODE = 'FLnnn'` (any spacing, any case), with the files that raise it.
    static func raisedCodes() throws -> [String: Set<String>] {
        let pattern = try NSRegularExpression(pattern: #"ERRCODE\s*=\s*'(FL[0-9A-Z]{3})'"#, options: [.caseInsensitive])
        var codes: [String: Set<String>] = [:]
        for (path, text) in try sqlFiles() {
            let range = NSRange(text.startIndex..., in: text)
            for match in pattern.matches(in: text, range: range) {
                guard let codeRange = Range(match.range(at: 1), in: text) else { continue }
                codes[text[codeRange].uppercased(), default: []].insert(path)
            }
        }
        return codes
    }

    @Test func theRegexFindsBothSpellings() throws {
        #expect(try Self.raisedCodes().isEmpty == false)
        let pattern = try NSRegularExpression(pattern: #"ERRCODE\s*=\s*'(FL[0-9A-Z]{3})'"#, options: [.caseInsensitive])
        for sample in ["USING ERRCODE = 'FL001'", "USING ERRCODE='FL001'", "using errcode  =  'FL001'"] {
            #expect(pattern.numberOfMatches(in: sample, range: NSRange(sample.startIndex..., in: sample)) == 1, "\(sample)")
        }
    }

    @Test func everyCodeRaisedInSQLIsDeclaredInSwift() throws {
        let declared = Set(LedgerErrorCode.allCases.map(\.rawValue))
        let missing = try Self.raisedCodes().filter { !declared.contains($0.key) }
        #expect(missing.isEmpty, """
            raised in sql/ but missing from LedgerErrorCode: \
            \(missing.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value.sorted().joined(separator: ", ")))" })
            """)
    }

    @Test func everyCodeDeclaredInSwiftIsRaisedInSQL() throws {
        let raised = Set(try Self.raisedCodes().keys)
        let neverRaised = LedgerErrorCode.allCases.map(\.rawValue)
            .filter { !raised.contains($0) && !Self.declaredButNotYetRaised.contains($0) }
        #expect(neverRaised.isEmpty, "declared in LedgerErrorCode but raised nowhere in sql/: \(neverRaised)")
    }

    /// `sql/functions/error_codes.sql` opens with the table for database people
    /// (`--   FL001  unbalanced entry …`): every Swift code must be in it. Skipped until the file exists.
    @Test func everyCodeIsInTheSQLErrorTable() throws {
        let table = Self.repositoryRoot.appendingPathComponent("sql/functions/error_codes.sql")
        guard FileManager.default.fileExists(atPath: table.path) else { return }
        let text = try String(contentsOf: table, encoding: .utf8)
        let listed = Set(text.split(separator: "\n").compactMap { line -> String? in
            let words = line.split(whereSeparator: \.isWhitespace)
            guard words.first == "--", words.count > 1, words[1].count == 5, words[1].hasPrefix("FL"),
                  words[1].dropFirst(2).allSatisfy({ $0.isNumber || $0.isUppercase }) else { return nil }
            return String(words[1])
        })
        let missing = LedgerErrorCode.allCases.map(\.rawValue).filter { !listed.contains($0) }
        #expect(missing.isEmpty, "missing from the table in sql/functions/error_codes.sql: \(missing)")
        let unknown = listed.subtracting(LedgerErrorCode.allCases.map(\.rawValue)).sorted()
        #expect(unknown.isEmpty, "listed in sql/functions/error_codes.sql but not in LedgerErrorCode: \(unknown)")
    }

    @Test func everyCodeHasAKindAndAValidSQLState() {
        for code in LedgerErrorCode.allCases {
            #expect(code.rawValue.count == 5 && code.rawValue.hasPrefix("FL"), "\(code)")
            #expect(code.kind != .database && code.kind != .migration, "\(code)")
        }
    }
}
