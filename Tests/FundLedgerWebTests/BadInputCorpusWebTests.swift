import Foundation
import FundLedgerWeb
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Ledger
import NIOCore
import Postgres
import Testing
import TestSupport

extension Browser {
    /// Posts a multipart form with a file of any bytes (nil: no file chosen, as a browser sends it).
    mutating func postFile(_ path: String, fields: [String: String], bytes: Data?, named fileName: String) async throws -> WebResponse {
        let boundary = "----FundLedgerCorpusBoundary16"
        var body = Data()
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
        }
        body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(bytes == nil ? "" : fileName)\"\r\n".utf8))
        body.append(Data("Content-Type: \(bytes == nil ? "application/octet-stream" : "text/csv")\r\n\r\n".utf8))
        body.append(bytes ?? Data())
        body.append(Data("\r\n--\(boundary)--\r\n".utf8))
        var headers: HTTPFields = [.contentType: "multipart/form-data; boundary=\(boundary)"]
        headers[.cookie] = cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        let response = try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(bytes: body))
        return WebResponse(status: response.status, headers: response.headers, body: String(buffer: response.body))
    }
}

/// The bad-input corpus (`Tests/TestSupport/Fixtures/bad-inputs/`) through the staff's screens,
/// the server connected as a login role granted `fundledger_writer`, signed in as a clerk: each
/// form shown again with the message, in French, by the field at fault (`id="FIELD-refusal"`),
/// and every table's checksum unchanged. A case accepted fails, naming its fixture.
@Suite("Bad-input corpus: web screens", .serialized)
struct BadInputCorpusWebTests {
    /// Beside WebServer's GAZA, Écully and Bondy: Liffré, 3 000 € from Bondy, a project with a
    /// milestone (the disbursement form's).
    static func seed(_ server: WebServer) throws {
        try server.owner { connection in
            try BadInputCorpus.seed(LedgerStore(connection: connection, actor: "test"), fundAndDonorsExist: true)
        }
    }

    static let paths = ["contribution": "/app/fonds/GAZA/versement", "pledge": "/app/fonds/GAZA/promesse",
                        "disbursement": "/app/fonds/GAZA/paiement", "signin": "/app/connexion", "import": "/app/import"]

    /// The good values of each form, which a case overrides.
    static func goodFields(_ form: String, milestone: Int64) -> [String: String] {
        switch form {
        case "contribution": ["donor": "Bondy", "amount": "10,00", "date": "2026-03-02", "reference": "CORPUS-VIR"]
        case "pledge": ["donor": "Bondy", "amount": "10,00", "date": "2026-03-02", "reference": "CORPUS-DEL"]
        case "disbursement": ["milestone": String(milestone), "amount": "1,00", "date": "2026-03-02", "reference": "CORPUS-PAY"]
        case "signin": ["email": "personne@example.org", "password": "pas le bon mot de passe"]
        case "import": ["delimiter": "auto", "encoding": "utf-8"]
        default: [:]
        }
    }

    /// Posts `form` with `overrides` (and `file` for the import) as `browser`; checks the form
    /// shown again with the message by `field` and no table changed.
    static func expectRefused(_ server: WebServer, _ browser: inout Browser, form: String, overrides: [String: String],
                              file: Data? = nil, field: String, mentions: String? = nil, line: Int? = nil, status: Int? = nil,
                              _ input: BadInput, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let path = paths[form]!
        let milestone = try server.count("SELECT min(id) AS n FROM milestones")
        let page = try await browser.get(path)
        #expect(page.status == .ok, "\(input): the form \(path): \(page)", sourceLocation: sourceLocation)
        var fields = goodFields(form, milestone: milestone)
        fields["csrf"] = page.hidden("csrf") ?? ""
        if let key = page.hidden("key") { fields["key"] = key }
        fields.merge(overrides) { $1 }
        let before = try server.owner { try tableChecksums($0) }
        let answer = form == "import"
            ? try await browser.postFile(path, fields: fields, bytes: file, named: "corpus.csv")
            : try await browser.post(path, fields)
        let after = try server.owner { try tableChecksums($0) }
        let said = "\(input): \(answer.status.code) \(answer.body.count > 3000 ? String(answer.body.prefix(3000)) + "…" : answer.body)"
        if let status {
            // Refused before the form is read (too large): a page of its own, in French.
            #expect(Int(answer.status.code) == status, "\(said)", sourceLocation: sourceLocation)
            #expect(answer.body.contains("<html lang=\"fr\">"), "\(said)", sourceLocation: sourceLocation)
        } else if form == "signin" {
            #expect(answer.status == .unauthorized, "\(said)", sourceLocation: sourceLocation)
            #expect(answer.body.contains("id=\"signin-refusal\">Adresse ou mot de passe incorrect."), "\(said)", sourceLocation: sourceLocation)
            #expect(!answer.setCookies.contains { $0.hasPrefix("fl_session=") && !$0.contains("Max-Age=0") },
                    "\(input): a session was opened: \(answer.setCookies)", sourceLocation: sourceLocation)
        } else {
            #expect(answer.status == .unprocessableContent, "\(said)", sourceLocation: sourceLocation)
            #expect(answer.body.contains("id=\"\(field)-refusal\""), "no message by \(field): \(said)", sourceLocation: sourceLocation)
            #expect(answer.body.contains("Rien n’a été enregistré") || answer.body.contains("rien n’a été écrit"),
                    "\(said)", sourceLocation: sourceLocation)
            // The message by the field, and the reasons of the refused lines' table (the import's).
            let message = Self.refusal(field, in: answer.body) + Self.lineReasons(in: answer.body)
            for english in Self.englishWords where message.lowercased().contains(english) {
                Issue.record("\(input): the message by \(field) is not in French (\(english.debugDescription)): \(message)",
                             sourceLocation: sourceLocation)
            }
        }
        if let mentions, !mentions.isEmpty {
            #expect(answer.body.contains(mentions), "lacks \(mentions.debugDescription): \(said)", sourceLocation: sourceLocation)
        }
        if let line {
            #expect(answer.body.contains("<tr><td class=\"num\">\(line)</td>"), "line \(line) not listed: \(said)",
                    sourceLocation: sourceLocation)
            #expect(!Self.lineReasons(in: answer.body).trimmingCharacters(in: .whitespaces).isEmpty,
                    "\(input): no reason given for the refused lines", sourceLocation: sourceLocation)
        }
        #expect(after == before, "\(input): tables changed: \(changedTables(before, after))", sourceLocation: sourceLocation)
    }

    /// Words of the ledger's English messages (the command line's) that staff must never read.
    static let englishWords = [" must ", "not allowed", "expected", "cannot", "unknown", " the ", "invalid", "already exists",
                               "characters", " line ", "field", "refused"]

    /// The text of the message by `field` (`<p class="field-refusal" id="FIELD-refusal">…</p>`).
    static func refusal(_ field: String, in body: String) -> String {
        guard let start = body.range(of: "id=\"\(field)-refusal\">"),
              let end = body.range(of: "</p>", range: start.upperBound..<body.endIndex) else { return "" }
        return " " + String(body[start.upperBound..<end.lowerBound]) + " "
    }

    /// The fourth cell (the reason) of each row of the refused lines' table.
    static func lineReasons(in body: String) -> String {
        guard let table = body.range(of: "<table id=\"import-problems\">"),
              let end = body.range(of: "</table>", range: table.upperBound..<body.endIndex) else { return "" }
        return body[table.upperBound..<end.lowerBound].components(separatedBy: "<tr>").dropFirst(2).map { row in
            let cells = row.components(separatedBy: "<td")
            return cells.count > 4 ? " " + (cells[4].split(separator: ">", maxSplits: 1).last.map(String.init) ?? "") + " " : ""
        }.joined()
    }

    @Test func everyFormsBadInputsAreShownAgainByTheirField() async throws {
        let cases = try BadInputCorpus.cases("web-forms")
        try await WebServer.with { server in
            try Self.seed(server)
            var clerk = try await server.signedIn(.clerk)
            for input in cases where !input.skips("web") {
                let overrides = (input.fields ?? [:]).mapValues(\.text)
                let file = try input.file.map { try BadInputCorpus.data($0) }
                if input.form == "signin" {
                    var stranger = server.browser()
                    try await Self.expectRefused(server, &stranger, form: "signin", overrides: overrides, field: "signin",
                                                 status: input.status, input)
                } else {
                    try await Self.expectRefused(server, &clerk, form: input.form ?? "", overrides: overrides, file: file,
                                                 field: input.field ?? "", mentions: input.mentions, status: input.status, input)
                }
            }
        }
    }

    /// The amounts, dates and names (looked up) families through the contribution form.
    @Test func amountsDatesAndDonorsAreShownAgainByTheirField() async throws {
        let amounts = try BadInputCorpus.cases("amounts"), dates = try BadInputCorpus.cases("dates")
        let names = try BadInputCorpus.cases("names").filter { $0.lookup != nil }
        try await WebServer.with { server in
            try Self.seed(server)
            var clerk = try await server.signedIn(.clerk)
            for input in amounts where !input.skips("web") {
                try await Self.expectRefused(server, &clerk, form: "contribution", overrides: ["amount": input.text],
                                             field: "amount", input)
            }
            for input in dates where !input.skips("web") {
                try await Self.expectRefused(server, &clerk, form: "contribution", overrides: ["date": input.text],
                                             field: "date", input)
            }
            for input in names where !input.skips("web") {
                try await Self.expectRefused(server, &clerk, form: "contribution", overrides: ["donor": input.text],
                                             field: "donor", input)
            }
        }
    }

    /// Every file of the csv family uploaded: the check refuses it, by its line or by the file field.
    @Test func csvFilesAreRefusedByTheUploadNamingTheLine() async throws {
        let cases = try BadInputCorpus.cases("csv")
        try await WebServer.with { server in
            try Self.seed(server)
            var clerk = try await server.signedIn(.clerk)
            for input in cases where !input.skips("web") {
                try await Self.expectRefused(server, &clerk, form: "import", overrides: [:],
                                             file: try BadInputCorpus.data(input.file ?? ""), field: "file",
                                             line: input.line, input)
            }
        }
    }
}
