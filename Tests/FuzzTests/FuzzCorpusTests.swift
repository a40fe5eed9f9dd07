import Foundation
@testable import Ledger
import Testing

/// Replays every committed fuzz input (`Fixtures/fuzz-corpus/<target>/`: the seeds, and every
/// input that once crashed or broke a property, named `crash-…`) through the very property
/// checks the libFuzzer targets run (`Properties/`), so that what `scripts/fuzz` found stays
/// fixed in every `swift test`, without libFuzzer.
@Suite("Fuzz corpus")
struct FuzzCorpusTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/fuzz-corpus")

    static func inputs(_ target: FuzzTarget) throws -> [URL] {
        let folder = corpus.appendingPathComponent(target.rawValue)
        return try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    @Test("every corpus input holds the target's properties", arguments: FuzzTarget.allCases)
    func corpusHoldsProperties(_ target: FuzzTarget) throws {
        let files = try Self.inputs(target)
        #expect(files.count >= 10, "a seed corpus of a few dozen files for \(target.rawValue)")
        for file in files {
            let broken = target.violations(Array(try Data(contentsOf: file)))
            #expect(broken.isEmpty, "\(target.rawValue)/\(file.lastPathComponent): \(broken.joined(separator: "; "))")
        }
    }

    /// What the first fuzz runs found, pinned by name besides the corpus replay.
    @Test func aKeyGivenTwiceIsRefusedNotTakenFirst() throws {
        let body = Data(#"{"project_id": 1, "amount_cents": 100, "amount_cents": 100000000}"#.utf8)
        #expect(throws: RequestBodyError.duplicateKey(field: "amount_cents")) {
            try RequestJSON.decode(NewDisbursement.self, from: body)
        }
        // The same key spelt with an escape is the same key.
        let escaped = Data(#"{"project_id": 1, "amount_cents": 100, "amount_\u0063ents": 5}"#.utf8)
        #expect(throws: RequestBodyError.duplicateKey(field: "amount_cents")) {
            try RequestJSON.decode(NewDisbursement.self, from: escaped)
        }
        // Nested objects may repeat their own keys: only the body's own keys are read.
        let nested = Data(#"{"project_id": 1, "amount_cents": 100, "x": {"a": 1, "a": 2}, "y": ["project_id", "project_id"]}"#.utf8)
        #expect(try RequestJSON.decode(NewDisbursement.self, from: nested).amountCents == 100)
    }

    @Test func whatJSONDecoderWouldSkipMustStillBeJSON() throws {
        let body = Data(#"{"fund": "GAZA", "donor": "Bondy", "amount_cents": 5, "note": "\u323,"}"#.utf8)
        #expect(throws: RequestBodyError.self) { try RequestJSON.decode(NewContribution.self, from: body) }
    }

    @Test func aFractionBeyond2To53IsNotDroppedFromAnInteger() throws {
        // JSONDecoder alone reads 9007199254740993 here.
        let body = Data(#"{"project_id": 9007199254740993.5, "amount_cents": 1}"#.utf8)
        #expect(throws: RequestBodyError.notAnInteger(field: "project_id")) {
            try RequestJSON.decode(NewDisbursement.self, from: body)
        }
        // Whole numbers written otherwise are the same integers; a key the type ignores may hold any number.
        let whole = Data(#"{"project_id": 3.0, "amount_cents": 25e4, "note": 0.25}"#.utf8)
        #expect(try RequestJSON.decode(NewDisbursement.self, from: whole) == NewDisbursement(projectID: 3, amountCents: 250_000))
        for (literal, whole) in [("12", true), ("-0", true), ("250000.0", true), ("1.5e3", true), ("1e999999999999", true),
                                 ("12.5", false), ("1e-2", false), ("92233720368547758.07", false), ("-0.001e2", false)] {
            #expect(RequestJSON.isWholeNumber(Array(literal.utf8)) == whole, "\(literal)")
        }
    }

    /// The API reads at most 64 KiB (`APIConfiguration.maxJSONBodyBytes`); libFuzzer's inputs stay
    /// under 4 KiB. The largest bodies hold the properties too: deep nesting, a huge number.
    @Test func theLargestBodiesHoldTheProperties() {
        let size = 64 * 1024
        let bodies = [
            #"{"fund":"# + String(repeating: "[", count: size / 2 - 10) + String(repeating: "]", count: size / 2 - 10) + "}",
            String(repeating: #"{"a":"#, count: size / 6) + "1" + String(repeating: "}", count: size / 6),
            #"{"project_id":1,"amount_cents":"# + String(repeating: "9", count: size - 40) + "}",
            #"{"project_id":1,"amount_cents":1"# + String(repeating: #","amount_cents":1"#, count: size / 20) + "}",
        ]
        for body in bodies {
            let broken = FuzzTarget.jsonBody.violations(Array(body.utf8))
            #expect(broken.isEmpty, "\(broken.joined(separator: "; "))")
        }
    }

    @Test func aBodyNotInUTF8IsRefused() throws {
        let utf16 = #"{"project_id": 1, "amount_cents": 1}"#.data(using: .utf16)!
        #expect(throws: RequestBodyError.unreadable(location: RequestBodyError.notUTF8)) {
            try RequestJSON.decode(NewDisbursement.self, from: utf16)
        }
        // A UTF-8 byte-order mark is UTF-8.
        let bom = Data([0xEF, 0xBB, 0xBF]) + Data(#"{"project_id": 1, "amount_cents": 1}"#.utf8)
        #expect(try RequestJSON.decode(NewDisbursement.self, from: bom).projectID == 1)
    }
}
