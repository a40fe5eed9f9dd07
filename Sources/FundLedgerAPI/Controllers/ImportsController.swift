import Foundation
import Hummingbird
import Import
import Ledger

/// `POST /v1/imports`: a CSV file of bank receipts (`Content-Type: text/csv`) recorded as
/// contributions, all or nothing, by the same `ContributionImporter` as `fundledger import
/// contributions` (clerk).
///
/// The body is streamed to a private temporary file chunk by chunk (never held whole; 413
/// beyond `APIConfiguration.maxImportBytes`), imported on a connection of the pool, and the
/// file removed whatever happens. Query: `dry_run=true` checks everything and writes nothing;
/// `delimiter` (one character, `tab`), `encoding` (`utf-8`, `latin1`), `file_name` (recorded
/// with the import, default `import.csv`).
///
/// Answers: 201 with the import (and its `Location`); 200 with what would be recorded for a
/// dry run; a file whose lines were already imported: 201 with the *first* import's body and
/// `Location`, writing nothing, so that a retry (with or without the same `Idempotency-Key`)
/// gets the same status and body as the first attempt; the same `Idempotency-Key` with another
/// file is refused (409, FL409), nothing written. Any refused line: 422 listing the lines
/// (`lines`), the ledger unchanged.
struct ImportsController {
    let service: LedgerService

    /// How many refused lines a 422 lists (the rest are counted in `lines_total`).
    static let maxListedProblems = 1000
    static let defaultFileName = "import.csv"

    func addRoutes(to group: RouterGroup<APIRequestContext>) {
        group.requiring(.clerk).post(use: create)
        group.requiring(.reader).get(":id", use: show)
    }

    /// `GET /v1/imports/{id}`: the import as its post answered it.
    @Sendable func show(_ request: Request, context: APIRequestContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let recorded = try await service.read { try $0.recordedImport(id: id) }
        return try .json(ImportRecord(importID: recorded.id, fileName: recorded.fileName, lines: recorded.lines,
                                      total: recorded.total, recordedAt: recorded.recordedAt))
    }

    /// An import recorded: the same body for the first post of a file and for any later one.
    struct ImportRecord: Encodable, Sendable {
        var status = "imported"
        var importID: Int64
        var fileName: String
        var lines: Int
        var totalCents: Int64
        var totalFormatted: String
        var recordedAt: String

        enum CodingKeys: String, CodingKey {
            case status, importID = "import_id", fileName = "file_name", lines, totalCents = "total_cents"
            case totalFormatted = "total_formatted", recordedAt = "recorded_at"
        }

        init(importID: Int64, fileName: String, lines: Int, total: Money, recordedAt: String) {
            self.importID = importID
            self.fileName = fileName
            self.lines = lines
            totalCents = total.cents
            totalFormatted = LedgerJSON.formatted(total)
            self.recordedAt = recordedAt
        }
    }

    /// What a dry run would record, per fund; nothing was written.
    struct DryRun: Encodable, Sendable {
        struct FundTotal: Encodable, Sendable {
            var fund: String
            var lines: Int
            var amountCents: Int64
            var amountFormatted: String
            var appliedToPledgesCents: Int64
            var appliedToPledgesFormatted: String

            enum CodingKeys: String, CodingKey {
                case fund, lines, amountCents = "amount_cents", amountFormatted = "amount_formatted"
                case appliedToPledgesCents = "applied_to_pledges_cents"
                case appliedToPledgesFormatted = "applied_to_pledges_formatted"
            }
        }

        var status = "dry_run"
        var fileName: String
        var lines: Int
        var totalCents: Int64
        var totalFormatted: String
        var appliedToPledgesCents: Int64
        var appliedToPledgesFormatted: String
        var funds: [FundTotal]
        var ignoredColumns: [String]

        enum CodingKeys: String, CodingKey {
            case status, fileName = "file_name", lines, totalCents = "total_cents", totalFormatted = "total_formatted"
            case appliedToPledgesCents = "applied_to_pledges_cents"
            case appliedToPledgesFormatted = "applied_to_pledges_formatted"
            case funds, ignoredColumns = "ignored_columns"
        }

        init(_ summary: ImportSummary, fileName: String) {
            self.fileName = fileName
            lines = summary.lines
            totalCents = summary.total.cents
            totalFormatted = LedgerJSON.formatted(summary.total)
            appliedToPledgesCents = summary.appliedToPledges.cents
            appliedToPledgesFormatted = LedgerJSON.formatted(summary.appliedToPledges)
            funds = summary.funds.map {
                FundTotal(fund: $0.fund, lines: $0.lines, amountCents: $0.amount.cents,
                          amountFormatted: LedgerJSON.formatted($0.amount),
                          appliedToPledgesCents: $0.appliedToPledges.cents,
                          appliedToPledgesFormatted: LedgerJSON.formatted($0.appliedToPledges))
            }
            ignoredColumns = summary.ignoredColumns
        }
    }

    @Sendable func create(_ request: Request, context: APIRequestContext) async throws -> Response {
        let caller = try context.caller()
        guard let contentType = request.headers[.contentType].flatMap(MediaType.init(from:)),
              contentType.isType(MediaType(type: .text, subType: "csv")) else {
            throw Problem.unsupportedMediaType(expected: "text/csv")
        }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > APIConfiguration.maxImportBytes {
            throw Problem.tooLarge(limit: APIConfiguration.maxImportBytes)
        }
        var options = try Self.options(request)
        options.idempotencyKey = caller.idempotencyKey(request.idempotencyKey)
        let fileName = options.fileName ?? Self.defaultFileName

        let folder = try TemporaryFolder(prefix: "fundledger-import")
        defer { folder.remove() }
        let path = folder.file("upload.csv")
        try await FileIO().writeFile(contents: ByteLimitedBody(base: request.body, limit: APIConfiguration.maxImportBytes),
                                     path: path, context: context)
        let actor = caller.actor
        let outcome: ImportOutcome
        do {
            outcome = try await service.pool.withConnection { [options] connection in
                try ContributionImporter(connection: connection, actor: actor, options: options).run(path: path)
            }
        } catch let failure as ImportFailure {
            var problem = Problem(status: .unprocessableContent, slug: "import-refused", title: "Import refusé",
                                  detail: "Import refusé, rien n'a été écrit : \(failure.totalProblems) ligne(s) en défaut "
                                      + "sur \(failure.linesRead) lue(s) ; voir lines.")
            problem.lines = failure.problems.map {
                ProblemLine(line: $0.line, column: $0.column, value: $0.value, reason: $0.reason,
                            suggestions: $0.suggestions.isEmpty ? nil : $0.suggestions)
            }
            problem.linesTotal = failure.totalProblems
            throw problem
        } catch let error as ImportError {
            // Said of the temporary file: the client knows its file by the name it sent.
            let detail = error.description.replacingOccurrences(of: path, with: fileName)
            throw Problem(status: .unprocessableContent, slug: "import-unreadable", title: "Fichier illisible",
                          detail: "Fichier illisible, rien n'a été écrit : \(detail)")
        }

        switch outcome {
        case .imported(let summary):
            APIMetrics.write("import")
            let record = ImportRecord(importID: summary.importID ?? 0, fileName: fileName, lines: summary.lines,
                                      total: summary.total, recordedAt: summary.recordedAt ?? "")
            return try .json(record, status: .created, location: "/v1/imports/\(record.importID)")
        case .alreadyImported(let id, let name, let lines, let total, let recordedAt):
            let record = ImportRecord(importID: id, fileName: name, lines: lines, total: total, recordedAt: recordedAt)
            if options.dryRun { return try .json(record) }
            return try .json(record, status: .created, location: "/v1/imports/\(id)")
        case .dryRun(let summary):
            return try .json(DryRun(summary, fileName: fileName))
        }
    }

    /// The importer's options from the query string, 400 naming a parameter that cannot be read.
    static func options(_ request: Request) throws -> ContributionImporter.Options {
        var options = ContributionImporter.Options(maxProblems: maxListedProblems)
        options.dryRun = try request.queryBool("dry_run") ?? false
        if let text = request.queryText("delimiter") {
            switch text {
            case "\t", "\\t", "tab": options.delimiter = "\t"
            default:
                guard text.count == 1, let character = text.first, character.isASCII, character != "\"",
                      !character.isNewline else {
                    throw Problem.badRequest("delimiter : un seul caractère ASCII (par exemple ; ou ,), ou tab.", field: "delimiter")
                }
                options.delimiter = character
            }
        }
        if let text = request.queryText("encoding") {
            guard let encoding = TextEncoding(name: text) else {
                throw Problem.badRequest("encoding : utf-8 ou latin1.", field: "encoding")
            }
            options.encoding = encoding
        }
        // Cleaned as the importer records it, so that the answer names the file as the ledger does.
        options.fileName = try NameInput.optional(request.queryText("file_name"), field: "file_name") ?? defaultFileName
        return options
    }
}
