import FundLedgerWeb
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Ledger
import NIOCore
import Postgres
import Testing

extension Browser {
    /// Posts a multipart form as a browser sends a file input: `file` as a file, the rest as fields.
    mutating func postFile(_ path: String, fields: [String: String], file: String, named fileName: String) async throws -> WebResponse {
        let boundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW"
        var body = ""
        for (name, value) in fields {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(fileName)\"\r\nContent-Type: text/csv\r\n\r\n\(file)\r\n"
        body += "--\(boundary)--\r\n"
        var headers: HTTPFields = [.contentType: "multipart/form-data; boundary=\(boundary)"]
        headers[.cookie] = cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        let response = try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: body))
        return WebResponse(status: response.status, headers: response.headers, body: String(buffer: response.body))
    }
}

/// The bank CSV upload: a dry run first, then "post", all or nothing, once.
@Suite(.serialized) struct ImportScreenTests {
    static let good = "date;collectivité;fonds;montant;référence;libellé\n2026-03-02;Bondy;GAZA;1 200,50;REL-1;vir\n2026-03-03;Écully;GAZA;300;REL-2;vir\n"
    static let bad = "date;collectivité;fonds;montant;référence\n2026-03-02;Bondy;GAZA;1 200,50;REL-1\n2026-03-03;Écully;GAZA;12,3,4;REL-2\n"

    @Test func aFileWithABadLineIsRefusedWholeThenAGoodOneCheckedAndPostedOnce() async throws {
        try await WebServer.with { server in
            var clerk = try await server.signedIn(.clerk)
            let dashboard = try await clerk.get("/app")
            #expect(dashboard.body.contains("href=\"/app/import\""))
            let form = try await clerk.get("/app/import")
            #expect(form.status == .ok)
            for id in ["file", "delimiter", "encoding"] { #expect(form.body.contains("<label for=\"\(id)\">")) }
            #expect(form.body.contains("enctype=\"multipart/form-data\""))
            let fields = ["csrf": form.hidden("csrf") ?? "", "key": form.hidden("key") ?? "", "delimiter": ";",
                          "encoding": "utf-8"]
            let refused = try await clerk.postFile("/app/import", fields: fields, file: Self.bad, named: "releve-mars.csv")
            #expect(refused.status == .unprocessableContent, "\(refused)")
            #expect(refused.body.contains("id=\"file-refusal\">Import refusé, rien n’a été écrit"))
            #expect(refused.body.contains("releve-mars.csv"))
            #expect(refused.body.contains("<table id=\"import-problems\">"))
            #expect(refused.body.contains("12,3,4"))
            #expect(refused.body.contains("Séparateurs ambigus"))  // the importer's reason, in French
            #expect(refused.body.contains("<option value=\";\" selected>"))  // the choices kept
            #expect(try server.count("SELECT count(*) AS n FROM contributions") == 0)

            let checked = try await clerk.postFile("/app/import", fields: fields, file: Self.good, named: "releve-mars.csv")
            #expect(checked.status == .ok, "\(checked)")
            #expect(checked.body.contains("<strong>2</strong> versement(s) pour <strong>1\u{202F}500,50\u{00A0}€</strong>"))
            #expect(checked.body.contains("Colonnes ignorées&#160;: libellé"))
            #expect(checked.body.contains("action=\"/app/import/enregistrer\""))
            #expect(try server.count("SELECT count(*) AS n FROM contributions") == 0)  // a dry run writes nothing

            let post = ["csrf": checked.hidden("csrf") ?? "", "key": checked.hidden("key") ?? "",
                        "fileName": checked.hidden("fileName") ?? "", "delimiter": checked.hidden("delimiter") ?? "",
                        "encoding": checked.hidden("encoding") ?? "", "content": checked.hidden("content") ?? ""]
            let posted = try await clerk.post("/app/import/enregistrer", post)
            #expect(posted.status == .ok, "\(posted)")
            let id = try server.owner { try $0.query("SELECT id FROM imports").single().decode("id", as: Int64.self) }
            #expect(posted.body.contains("import n°&#160;<strong>\(id)</strong>"))
            #expect(posted.body.contains("1\u{202F}500,50\u{00A0}€"))
            #expect(posted.body.contains("Importer un autre fichier"))
            // Resent (a double click, a reload): recorded once, and said so.
            let resent = try await clerk.post("/app/import/enregistrer", post)
            #expect(resent.status == .ok, "\(resent)")
            #expect(try server.count("SELECT count(*) AS n FROM contributions") == 2)
            #expect(try server.count("SELECT count(*) AS n FROM journal_entries WHERE recorded_by = 'web:clerk@example.org'") == 2)
            // The same file checked again: already imported.
            let again = try await clerk.postFile("/app/import", fields: fields, file: Self.good, named: "releve-mars.csv")
            #expect(again.body.contains("Ce fichier est déjà enregistré"), "\(again)")
        }
    }

    @Test func readersCSRFAndAnUnreadableFile() async throws {
        try await WebServer.with { server in
            var reader = try await server.signedIn(.reader)
            #expect(try await reader.get("/app/import").status == .forbidden)
            let page = try await reader.get("/app")
            #expect(!page.body.contains("href=\"/app/import\""))
            let posted = try await reader.postFile("/app/import", fields: ["csrf": page.hidden("csrf") ?? ""],
                                                   file: Self.good, named: "a.csv")
            #expect(posted.status == .forbidden)
            var clerk = try await server.signedIn(.clerk)
            let forged = try await clerk.postFile("/app/import", fields: ["csrf": "forged"], file: Self.good, named: "a.csv")
            #expect(forged.status == .forbidden)
            let form = try await clerk.get("/app/import")
            let noHeader = try await clerk.postFile("/app/import", fields: ["csrf": form.hidden("csrf") ?? ""],
                                                    file: "bonjour\n", named: "a.csv")
            #expect(noHeader.status == .unprocessableContent)
            #expect(noHeader.body.contains("Fichier illisible, rien n’a été écrit"))
            let noFile = try await clerk.postFile("/app/import", fields: ["csrf": form.hidden("csrf") ?? ""], file: "", named: "")
            #expect(noFile.body.contains("Choisissez le fichier CSV"))
            let unknown = try await clerk.postFile("/app/import", fields: ["csrf": form.hidden("csrf") ?? ""],
                                                   file: "date,donor,fund,amount,reference\n2026-03-02,Nulle-Part,GAZA,10,R-1\n2026-03-02,Bondy,GAZA,10\n",
                                                   named: "b.csv")
            #expect(unknown.status == .unprocessableContent)
            #expect(unknown.body.contains("4 champ(s) alors que l’en-tête en compte 5."), "\(unknown)")
            // A file of a few hundred lines (beyond the 64 KB of the other forms).
            var big = "date;collectivité;fonds;montant;référence\n"
            for n in 1...2000 { big += "2026-03-02;Bondy;GAZA;1,00;GROS-\(n)-\(String(repeating: "x", count: 20))\n" }
            let large = try await clerk.postFile("/app/import", fields: ["csrf": form.hidden("csrf") ?? "", "delimiter": "auto"],
                                                 file: big, named: "gros.csv")
            #expect(large.status == .ok, "\(large)")
            #expect(large.body.contains("<strong>2000</strong> versement(s)"))
            #expect(try server.count("SELECT count(*) AS n FROM contributions") == 0)
        }
    }

    /// The ledger's own refusals of a line read in French: a reference used twice in the file, a
    /// date before the fund opened, money dated ahead.
    @Test func theLedgersRefusalsOfALineAreInFrench() async throws {
        try await WebServer.with { server in
            var clerk = try await server.signedIn(.clerk)
            let form = try await clerk.get("/app/import")
            let file = "date;collectivité;fonds;montant;référence\n2026-03-02;Bondy;GAZA;10;R-1\n2026-03-03;Bondy;GAZA;20;R-1\n"
                + "1999-01-01;Bondy;GAZA;10;R-2\n2100-01-01;Bondy;GAZA;10;R-3\n"
            let refused = try await clerk.postFile("/app/import", fields: ["csrf": form.hidden("csrf") ?? ""], file: file, named: "a.csv")
            #expect(refused.status == .unprocessableContent, "\(refused)")
            #expect(refused.body.contains("Référence déjà utilisée ligne 2 pour Bondy"), "\(refused.body)")
            #expect(refused.body.contains("la date précède son ouverture"), "\(refused.body)")
            #expect(refused.body.contains("Date à plus d’un an dans l’avenir") || refused.body.contains("date à venir"), "\(refused.body)")
            for english in ["already used on line", "opened on", "year ahead"] { #expect(!refused.body.contains(english), "\(english)") }
        }
    }
}
