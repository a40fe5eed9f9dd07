import Foundation
import Hummingbird
import MultipartKit

/// The fields of a posted `multipart/form-data` form (the CSV upload): name → bytes, and the
/// file name a file field was sent with, as MultipartKit's parser reads them. Only what a
/// browser sends for a plain form: one level, `Content-Disposition` (and `Content-Type`, ignored).
struct MultipartForm: Sendable {
    struct Part: Sendable {
        var data: [UInt8]
        var fileName: String?
        var text: String { String(decoding: data, as: UTF8.self) }
    }

    var parts: [String: Part]

    func text(_ name: String) -> String { parts[name]?.text ?? "" }

    /// Reads the body of `request` (at most `limit` bytes: 413 beyond); nil when the request is
    /// not multipart or has no boundary.
    static func read(_ request: Request, limit: Int) async throws -> MultipartForm? {
        guard let type = request.headers[.contentType], type.lowercased().hasPrefix("multipart/form-data"),
              let boundary = boundary(of: type) else { return nil }
        var request = request
        let buffer = try await request.collectBody(upTo: limit)
        return parse(Array(buffer.readableBytesView), boundary: boundary)
    }

    static func boundary(of contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                return value.isEmpty || value.count > 200 ? nil : value
            }
        }
        return nil
    }

    /// The parts, read by MultipartKit's parser (Vapor's, well kept: boundaries split across
    /// buffers, CRLF rules, preamble); nil for a body it cannot read.
    static func parse(_ body: [UInt8], boundary: String) -> MultipartForm? {
        let parser = MultipartParser(boundary: boundary)
        var parts: [String: Part] = [:]
        var headers = ""
        var data: [UInt8] = []
        parser.onHeader = { name, value in headers += "\(name): \(value)\r\n" }
        parser.onBody = { buffer in data += buffer.readableBytesView }
        parser.onPartComplete = {
            if let (name, fileName) = disposition(headers) { parts[name] = Part(data: data, fileName: fileName) }
            headers = ""
            data = []
        }
        do {
            try parser.execute(body)
        } catch {
            return nil
        }
        return MultipartForm(parts: parts)
    }

    /// The `name` and `filename` of a part's `Content-Disposition: form-data; name="…"; filename="…"`.
    static func disposition(_ headers: String) -> (String, String?)? {
        for line in headers.components(separatedBy: "\r\n") where line.lowercased().hasPrefix("content-disposition:") {
            var name: String?
            var fileName: String?
            for parameter in line.split(separator: ";").dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard pair.count == 2 else { continue }
                let value = pair[1].hasPrefix("\"") && pair[1].hasSuffix("\"") && pair[1].count >= 2
                    ? String(pair[1].dropFirst().dropLast()) : pair[1]
                switch pair[0].lowercased() {
                case "name": name = value
                case "filename": fileName = value
                default: break
                }
            }
            return name.map { ($0, fileName) }
        }
        return nil
    }
}
