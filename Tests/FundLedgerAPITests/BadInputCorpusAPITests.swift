import Foundation
import FundLedgerAPI
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Ledger
import NIOCore
import Postgres
import Testing
import TestSupport

/// The bad-input corpus (`Tests/TestSupport/Fixtures/bad-inputs/`) through the HTTP API, the
/// server connected as a login role granted `fundledger_writer`: every case answered 4xx
/// `application/problem+json` naming the member at fault (or the file's line), never a 5xx, and
/// every table's checksum unchanged. A case accepted fails, naming its fixture.
@Suite("Bad-input corpus: HTTP API", .serialized)
struct BadInputCorpusAPITests {
    /// GAZA (opened 2026-01-02) holding 3 000 € from Bondy; Bondy, Liffré, Écully; a project 1
    /// with a milestone 1.
    static func seed(_ server: APIServer) throws {
        try server.seed { store in try BadInputCorpus.seed(store) }
    }

    /// Posts `body` as `contentType` with a clerk's token; checks a refusal with one of
    /// `statuses`, problem+json, `field` (when `expectField`), `mentions` in its detail, and no
    /// table changed. Returns the response for further checks.
    @discardableResult
    static func expectRefused(_ server: APIServer, _ path: String, body: Data, contentType: String = "application/json",
                              statuses: Set<Int>, field: String?, expectField: Bool = true, mentions: String? = nil,
                              _ input: BadInput, sourceLocation: SourceLocation = #_sourceLocation) async throws -> APIResponse {
        let owner = try server.database.connect()
        defer { owner.close() }
        let before = try tableChecksums(owner)
        var headers: HTTPFields = [.contentType: contentType, .authorization: "Bearer \(server.tokens[.clerk]!)"]
        headers[HTTPField.Name("Idempotency-Key")!] = input.idempotencyKey?.text ?? "corpus-\(input.fixture)"
        let raw = try await server.client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(bytes: body))
        let response = APIResponse(status: raw.status, headers: raw.headers, body: String(decoding: Data(buffer: raw.body), as: UTF8.self))
        let after = try tableChecksums(owner)
        let said = "\(input): \(response.status.code) \(response.body.prefix(500))"
        #expect(statuses.contains(response.status.code), "\(said) (expected \(statuses.sorted()))", sourceLocation: sourceLocation)
        #expect(response.contentType == "application/problem+json", "\(said)", sourceLocation: sourceLocation)
        if expectField {
            #expect(response.json["field"] as? String == field, "does not name \(field ?? "no field"): \(said)", sourceLocation: sourceLocation)
        }
        #expect((response.json["title"] as? String)?.isEmpty == false, "\(said)", sourceLocation: sourceLocation)
        if let mentions, !mentions.isEmpty {
            #expect((response.json["detail"] as? String)?.contains(mentions) == true, "detail lacks \(mentions.debugDescription): \(said)",
                    sourceLocation: sourceLocation)
        }
        #expect(after == before, "\(input): tables changed: \(changedTables(before, after))", sourceLocation: sourceLocation)
        return response
    }

    /// A JSON object's text, each value escaped by JSONSerialization (control characters too).
    static func json(_ object: [String: Any]) throws -> Data {
        try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }

    @Test func httpBodiesAreRefusedNamingTheMember() async throws {
        let cases = try BadInputCorpus.cases("http-bodies")
        try await APIServer.with { server in
            try Self.seed(server)
            for input in cases where !input.skips("api") {
                try await Self.expectRefused(server, input.path ?? "/", body: input.bodyBytes,
                                             contentType: input.contentType ?? "application/json",
                                             statuses: [input.status ?? 0], field: input.field, mentions: input.mentions, input)
            }
        }
    }

    @Test func datesAreRefusedNamingReceivedOn() async throws {
        let cases = try BadInputCorpus.cases("dates")
        try await APIServer.with { server in
            try Self.seed(server)
            for input in cases where !input.skips("api") {
                let body = try Self.json(["fund": "GAZA", "donor": "Bondy", "amount_cents": 1000, "received_on": input.text])
                try await Self.expectRefused(server, "/v1/contributions", body: body, statuses: [400, 409, 422],
                                             field: "received_on", input)
            }
        }
    }

    @Test func amountsGivenAsTextAreRefusedNamingAmountCents() async throws {
        let cases = try BadInputCorpus.cases("amounts")
        try await APIServer.with { server in
            try Self.seed(server)
            for input in cases where !input.skips("api") {
                let body = try Self.json(["fund": "GAZA", "donor": "Bondy", "amount_cents": input.text, "received_on": "2026-03-02"])
                try await Self.expectRefused(server, "/v1/contributions", body: body, statuses: [400], field: "amount_cents", input)
            }
        }
    }

    static func statuses(_ refusal: String) -> Set<Int> {
        switch refusal {
        case "invalid": [400, 422]
        case "duplicate": [409]
        case "not-found": [404, 422]
        default: []
        }
    }

    @Test func namesAreRefusedAsNewDonorsAndNeverMatchAnotherDonor() async throws {
        let cases = try BadInputCorpus.cases("names")
        try await APIServer.with { server in
            try Self.seed(server)
            for input in cases where !input.skips("api") {
                if let new = input.new {
                    try await Self.expectRefused(server, "/v1/donors", body: Self.json(["name": input.text]),
                                                 statuses: Self.statuses(new.refusal), field: new.field, mentions: new.mentions, input)
                }
                if let lookup = input.lookup {
                    let body = try Self.json(["fund": "GAZA", "donor": input.text, "amount_cents": 1000, "received_on": "2026-03-02"])
                    let response = try await Self.expectRefused(server, "/v1/contributions", body: body,
                                                                statuses: Self.statuses(lookup.refusal), field: lookup.field, input)
                    if let real = lookup.mentions {
                        #expect((response.json["suggestions"] as? [String])?.contains(real) == true,
                                "\(input): \(real) not suggested: \(response.body.prefix(500))")
                    }
                }
            }
        }
    }

    /// Each CSV file posted to /v1/imports: 422, the refused line among `lines`, or the reason.
    @Test func csvFilesAreRefusedWholeNamingTheLine() async throws {
        let cases = try BadInputCorpus.cases("csv")
        try await APIServer.with { server in
            try Self.seed(server)
            for input in cases where !input.skips("api") {
                let response = try await Self.expectRefused(server, "/v1/imports", body: BadInputCorpus.data(input.file ?? ""),
                                                            contentType: "text/csv", statuses: [422], field: nil, expectField: false,
                                                            mentions: input.line == nil ? input.mentions : nil, input)
                if let line = input.line {
                    let lines = (response.json["lines"] as? [[String: Any]] ?? []).compactMap { $0["line"] as? Int }
                    #expect(lines.contains(line), "\(input): line \(line) not among \(lines): \(response.body.prefix(500))")
                }
            }
        }
    }
}
