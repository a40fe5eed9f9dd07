import Foundation
import Hummingbird
import Ledger
import Reports

/// `GET /v1/exports/fec?year=2026&siren=123456789`: the year's Fichier des Écritures
/// Comptables, byte for byte as `fundledger export fec` writes it (`FECExport`), as an
/// attachment named as the file (`123456789FEC20261231.txt`). Any token reads it.
///
/// The export streams rows from a server-side cursor into a file (memory stays flat for any
/// ledger), which is then streamed to the client from disk: the file is never held whole in
/// memory, nor built twice. It lives in a private temporary folder removed once sent.
struct FECExportController {
    let service: LedgerService

    func addRoutes(to group: RouterGroup<APIRequestContext>) {
        group.requiring(.reader).get("fec", use: export)
    }

    @Sendable func export(_ request: Request, context: APIRequestContext) async throws -> Response {
        _ = try request.reportFormat(offering: [.plain])
        guard let year = try request.queryInteger("year", in: 1900...9999) else {
            throw Problem.badRequest("Paramètre year obligatoire : l'exercice (année civile), par exemple 2026.", field: "year")
        }
        let given = request.queryText("siren")?.trimmingCharacters(in: .whitespaces)
        if let given, given.count != 9 || !given.allSatisfy({ $0.isASCII && $0.isNumber }) {
            throw Problem.badRequest("siren doit compter neuf chiffres.", field: "siren")
        }
        let encodingText = request.queryText("encoding") ?? FECEncoding.latin9.rawValue
        guard let encoding = FECEncoding(rawValue: encodingText) else {
            throw Problem.badRequest("encoding : « \(encodingText) » inconnu ; latin9 (ISO 8859-15, par défaut) ou utf-8.",
                                     field: "encoding")
        }
        let folder = try TemporaryFolder(prefix: "fundledger-fec")
        do {
            let summary = try await service.read { reader in
                // The SIREN given, else the organisation's (fundledger settings set siren): the FEC needs one.
                guard let siren = try given ?? reader.organisationSettings().siren else {
                    throw Problem.invalid("SIREN manquant : donnez siren, ou enregistrez celui de l'association (fundledger settings set siren).",
                                          field: "siren")
                }
                var export = try FECExport(connection: reader.connection, year: year, siren: siren)
                export.encoding = encoding
                return try export.write(toDirectory: folder.path)
            }
            let body = try await FileIO().loadFile(path: summary.path, context: context)
            let fileName = URL(fileURLWithPath: summary.path).lastPathComponent
            let headers: HTTPFields = [
                .contentType: encoding == .latin9 ? "text/plain; charset=iso-8859-15" : "text/plain; charset=utf-8",
                .contentDisposition: "attachment; filename=\"\(fileName)\"",
            ]
            return Response(status: .ok, headers: headers, body: ResponseBody(contentLength: body.contentLength) { writer in
                defer { folder.remove() }
                let file = body
                try await file.write(writer)
            })
        } catch {
            folder.remove()
            throw error
        }
    }
}
