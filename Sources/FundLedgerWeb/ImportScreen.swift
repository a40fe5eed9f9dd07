import Foundation
import Hummingbird
import Import
import Ledger
import Postgres

/// The upload of a bank CSV (clerks and admins), in two steps, by the same `ContributionImporter`
/// as `fundledger import contributions` and `POST /v1/imports`:
///
/// 1. the file is sent (multipart) and imported as a dry run: every line checked and posted in a
///    transaction rolled back. A refused file shows the form again with each bad line (line,
///    column, value, reason), nothing written; a good one shows what would be recorded, fund by
///    fund, and a "post" form that carries the file (base64, in a hidden field: the server keeps
///    nothing between the steps);
/// 2. "post" imports it for good, all or nothing, under the form's idempotency key: a double
///    click or a resent form records once, and a file already imported is said so (the ledger
///    knows files by their SHA-256).
struct ImportScreen: Sendable {
    let service: LedgerService
    let templates: WebTemplates

    /// Files up to 5 MB (tens of thousands of lines); the post form carries it base64-encoded.
    static let maxFileBytes = 5 * 1024 * 1024
    static let listedProblems = 200

    struct Choices: Sendable {
        var delimiter = "auto"
        var encoding = "utf-8"
        var key = UUID().uuidString
        var fileName = ""
    }

    func form(signedIn: SignedIn) -> Response {
        guard signedIn.role.allows(.clerk) else { return FormChecks.forbidden(templates, signedIn) }
        return page(Choices(), signedIn: signedIn)
    }

    /// Step 1: the dry run of the file sent.
    func check(_ request: Request, signedIn: SignedIn) async throws -> Response {
        guard let form = try await MultipartForm.read(request, limit: Self.maxFileBytes + 64 * 1024) else {
            return page(Choices(), signedIn: signedIn, refusals: ["file": "Envoyez le fichier avec le formulaire."],
                        status: .unprocessableContent)
        }
        guard SessionToken.csrfMatches(form.parts["csrf"]?.text, token: signedIn.token) else {
            return WebPage.forbidden(WebScreens.csrfRefusal).response(templates, signedIn: signedIn)
        }
        guard signedIn.role.allows(.clerk) else { return FormChecks.forbidden(templates, signedIn) }
        var choices = Choices(delimiter: form.text("delimiter"), encoding: form.text("encoding"),
                              key: FormChecks.key(form.text("key")), fileName: form.parts["file"]?.fileName ?? "")
        guard let file = form.parts["file"], !file.data.isEmpty else {
            return page(choices, signedIn: signedIn, refusals: ["file": "Choisissez le fichier CSV de la banque."],
                        status: .unprocessableContent)
        }
        if choices.fileName.isEmpty { choices.fileName = "import.csv" }
        return try await run(file.data, choices: choices, dryRun: true, signedIn: signedIn)
    }

    /// Step 2: the file of a dry run, posted for good.
    func post(_ request: Request, signedIn: SignedIn) async throws -> Response {
        let form = try await FormBody.read(request, limit: Self.maxFileBytes * 2)
        guard SessionToken.csrfMatches(form["csrf"], token: signedIn.token) else {
            return WebPage.forbidden(WebScreens.csrfRefusal).response(templates, signedIn: signedIn)
        }
        guard signedIn.role.allows(.clerk) else { return FormChecks.forbidden(templates, signedIn) }
        let choices = Choices(delimiter: form.text("delimiter"), encoding: form.text("encoding"),
                              key: FormChecks.key(form.text("key")), fileName: form.text("fileName"))
        guard let data = Data(base64Encoded: form.text("content")), !data.isEmpty else {
            return page(choices, signedIn: signedIn, refusals: ["file": "Le fichier n’a pas suivi : envoyez-le de nouveau."],
                        status: .unprocessableContent)
        }
        return try await run(Array(data), choices: choices, dryRun: false, signedIn: signedIn)
    }

    private func run(_ bytes: [UInt8], choices: Choices, dryRun: Bool, signedIn: SignedIn) async throws -> Response {
        var options = ContributionImporter.Options(dryRun: dryRun, maxProblems: Self.listedProblems)
        switch choices.delimiter {
        case ";": options.delimiter = ";"
        case ",": options.delimiter = ","
        case "tab": options.delimiter = "\t"
        default: options.delimiter = nil
        }
        options.encoding = TextEncoding(name: choices.encoding) ?? .utf8
        options.fileName = choices.fileName
        if !dryRun { options.idempotencyKey = FormChecks.idempotencyKey(choices.key, signedIn: signedIn) }

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fundledger-web-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("upload.csv").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let actor = signedIn.actor
        let outcome: ImportOutcome
        do {
            outcome = try await service.pool.withConnection { [options] connection in
                try ContributionImporter(connection: connection, actor: actor, options: options).run(path: path)
            }
        } catch let failure as ImportFailure {
            let problems: [[String: Any]] = failure.problems.map { problem in
                ["line": problem.line, "column": problem.column ?? "", "value": problem.value ?? "",
                 "reason": WebText.importReason(column: problem.column, value: problem.value, reason: problem.reason),
                 "suggestions": problem.suggestions.joined(separator: ", ")]
            }
            return page(choices, signedIn: signedIn,
                        refusals: ["file": "Import refusé, rien n’a été écrit : \(failure.totalProblems) ligne(s) en défaut sur \(failure.linesRead) lue(s)."],
                        problems: problems, more: max(0, failure.totalProblems - failure.problems.count),
                        status: .unprocessableContent)
        } catch let error as ImportError {
            let detail = WebText.importFileReason(error.description, path: path, fileName: choices.fileName)
            return page(choices, signedIn: signedIn, refusals: ["file": "Fichier illisible, rien n’a été écrit : \(detail)"],
                        status: .unprocessableContent)
        } catch let error as LedgerError where error.kind == .idempotencyConflict {
            return page(choices, signedIn: signedIn, refusals: ["file": WebText.ledgerRefusal(error)],
                        status: .unprocessableContent)
        }
        switch outcome {
        case .dryRun(let summary):
            var values = Self.summary(summary)
            values["fileName"] = choices.fileName
            values["content"] = Data(bytes).base64EncodedString()
            values["delimiter"] = choices.delimiter
            values["encoding"] = choices.encoding
            values["key"] = choices.key
            values["csrf"] = signedIn.csrfToken
            return WebPage(template: "import_preview", title: "Import : vérification", values: values)
                .response(templates, signedIn: signedIn)
        case .imported(let summary):
            var values = Self.summary(summary)
            values["fileName"] = choices.fileName
            values["importID"] = summary.importID ?? 0
            return WebPage(template: "import_recorded", title: "Import enregistré", values: values)
                .response(templates, signedIn: signedIn)
        case .alreadyImported(let id, let name, let lines, let total, _):
            let values: [String: Any] = ["importID": id, "fileName": name, "lines": lines, "total": total.french,
                                         "already": true]
            return WebPage(template: "import_recorded", title: "Fichier déjà importé", values: values)
                .response(templates, signedIn: signedIn)
        }
    }

    static func summary(_ summary: ImportSummary) -> [String: Any] {
        let funds: [[String: Any]] = summary.funds.map { fund in
            ["fund": fund.fund, "lines": fund.lines, "amount": fund.amount.french,
             "applied": fund.appliedToPledges.french]
        }
        return ["lines": summary.lines, "total": summary.total.french, "applied": summary.appliedToPledges.french,
                "funds": funds, "ignored": summary.ignoredColumns.joined(separator: ", "),
                "hasIgnored": !summary.ignoredColumns.isEmpty]
    }

    private func page(_ choices: Choices, signedIn: SignedIn, refusals: [String: String] = [:],
                      problems: [[String: Any]] = [], more: Int = 0, status: HTTPResponse.Status = .ok) -> Response {
        var values: [String: Any] = [
            "csrf": signedIn.csrfToken, "key": choices.key, "fileName": choices.fileName,
            "problems": problems, "hasProblems": !problems.isEmpty, "more": more, "hasMore": more > 0,
            "hasRefusals": !refusals.isEmpty,
        ]
        let delimiters = [("auto", "Détecté (; ou ,)"), (";", "Point-virgule ;"), (",", "Virgule ,"), ("tab", "Tabulation")]
        values["delimiters"] = delimiters.map { ["value": $0.0, "label": $0.1, "selected": $0.0 == choices.delimiter] }
        let encodings = [("utf-8", "UTF-8"), ("latin1", "Latin-1 (Windows)")]
        values["encodings"] = encodings.map { ["value": $0.0, "label": $0.1, "selected": $0.0 == choices.encoding] }
        for (field, message) in refusals { values["\(field)Refusal"] = message }
        return WebPage(template: "import_form", title: "Importer un relevé bancaire", values: values, status: status)
            .response(templates, signedIn: signedIn)
    }
}
