import Foundation
import Hummingbird
import Ledger
import Postgres
import Reports

/// A fund's quarterly report: a quarter picked in a list (since the fund opened), and links to
/// the newsletter's report in HTML (`QuarterlyNewsletterHTML`, opened as a page of its own) and
/// Markdown, the figures in CSV and JSON, and the year's FEC export (all funds). Every reader.
///
/// The files are served here, under /app with the session, rather than by linking to the API
/// (/v1/reports/quarterly, /v1/exports/fec): the API wants a bearer token, which a browser's
/// link cannot carry, and a token written into a page would be a long-lived credential in the
/// HTML. The files come from the same renderers as the API's and the CLI's, byte for byte.
struct QuarterlyScreen: Sendable {
    let service: LedgerService
    let templates: WebTemplates

    enum Format: String, CaseIterable, Sendable {
        case html, md, csv, json

        var contentType: String {
            switch self {
            case .html: "text/html; charset=utf-8"
            case .md: "text/markdown; charset=utf-8"
            case .csv: "text/csv; charset=utf-8"
            case .json: "application/json"
            }
        }
    }

    func show(code: String, quarter text: String?, signedIn: SignedIn) async throws -> Response {
        guard let fund = try await service.readFund({ reader in try reader.fund(code: code) }) else {
            return WebPage.noSuchFund.response(templates, signedIn: signedIn)
        }
        let current = Quarter(containing: DateParser.today())
        let first = Quarter(containing: fund.openedOn)
        var quarters: [Quarter] = []
        var quarter = current
        while quarter >= first, quarters.count < 80 {
            quarters.append(quarter)
            quarter = quarter.previous
        }
        // The last quarter ended, unless the fund opened in this one.
        let chosen = text.flatMap(Quarter.init(parsing:)) ?? (current.previous >= first ? current.previous : current)
        let options: [[String: Any]] = quarters.map { ["value": $0.description, "label": $0.french, "selected": $0 == chosen] }
        let base = "/app/fonds/\(fund.code)/rapport/\(chosen)"
        let values: [String: Any] = [
            "code": fund.code, "name": fund.name, "quarters": options, "quarter": chosen.french,
            "html": "\(base).html", "markdown": "\(base).md", "csv": "\(base).csv", "json": "\(base).json",
            "fec": "/app/fec/\(chosen.year)", "year": chosen.year,
        ]
        return WebPage(template: "quarterly", title: "Rapport trimestriel · fonds \(fund.code)", values: values)
            .response(templates, signedIn: signedIn)
    }

    /// `2026-Q1.html`, `.md`, `.csv` or `.json`.
    func file(code: String, name: String, signedIn: SignedIn) async throws -> Response {
        let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, let quarter = Quarter(parsing: parts[0]), let format = Format(rawValue: parts[1]) else {
            return WebPage.notFound("Pas de rapport à cette adresse.").response(templates, signedIn: signedIn)
        }
        let body: String
        do {
            body = try await service.read { reader -> String in
                let report = try QuarterlyReportQuery(connection: reader.connection).report(quarter: quarter, fund: code)
                return switch format {
                case .html: QuarterlyNewsletterHTML.render(report)
                case .md: QuarterlyNewsletterMarkdown.render(report)
                case .csv: QuarterlyReportCSV.render(report)
                case .json: QuarterlyReportJSON.render(report)
                }
            }
        } catch let error as LedgerError where error.kind == .notFound {
            return WebPage.noSuchFund.response(templates, signedIn: signedIn)
        } catch is InputError {
            return WebPage.noSuchFund.response(templates, signedIn: signedIn)
        } catch let error as ReportError {
            return WebPage(template: "error", title: "Rapport impossible",
                           values: ["heading": "Rapport impossible", "message": error.description],
                           status: .unprocessableContent).response(templates, signedIn: signedIn)
        }
        var headers: HTTPFields = [.contentType: format.contentType, .cacheControl: "no-store",
                                   .init("X-Content-Type-Options")!: "nosniff"]
        if format == .html {
            // The report's own page: its inline style and its logo (a data: URI), nothing else.
            headers[.init("Content-Security-Policy")!] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'"
        } else {
            headers[.contentDisposition] = "attachment; filename=\"\(SafeFileName.stem(code))-\(quarter).\(format.rawValue)\""
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: .init(string: body)))
    }

    /// The year's FEC (all funds), as `fundledger export fec` writes it: ISO 8859-15, the
    /// organisation's SIREN (or the placeholder), named as the file. Written to a private
    /// temporary folder, read back, the folder removed.
    func fec(year text: String, signedIn: SignedIn) async throws -> Response {
        guard let year = Int(text), (1900...9999).contains(year) else {
            return WebPage.notFound("Pas d’export à cette adresse.").response(templates, signedIn: signedIn)
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fundledger-web-fec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try await service.read { reader in
            let siren = try reader.organisationSettings().siren ?? "000000000"
            return try FECExport(connection: reader.connection, year: year, siren: siren)
                .write(toDirectory: folder.path).path
        }
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let fileName = URL(fileURLWithPath: path).lastPathComponent
        return Response(status: .ok,
                        headers: [.contentType: "text/plain; charset=iso-8859-15",
                                  .contentDisposition: "attachment; filename=\"\(fileName)\"",
                                  .cacheControl: "no-store", .init("X-Content-Type-Options")!: "nosniff"],
                        body: .init(byteBuffer: .init(bytes: data)))
    }
}
