import Foundation
import Hummingbird

/// The fields of a posted `multipart/form-data` form (the CSV upload): name → bytes, and the
/// file name a file field was sent with. Only what a browser sends for a plain form: one level,
/// no nested multipart, headers `Content-Disposition` (and `Content-Type`, ignored).
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

    static func parse(_ body: [UInt8], boundary: String) -> MultipartForm {
        let delimiter = Array("--\(boundary)".utf8)
        let crlf: [UInt8] = [13, 10]
        var parts: [String: Part] = [:]
        var position = index(of: delimiter, in: body, from: 0)
        while let start = position {
            var cursor = start + delimiter.count
            // "--" after the delimiter: the end.
            if cursor + 1 < body.count, body[cursor] == 45, body[cursor + 1] == 45 { break }
            if cursor + 1 < body.count, body[cursor] == 13, body[cursor + 1] == 10 { cursor += 2 }
            guard let headersEnd = index(of: crlf + crlf, in: body, from: cursor),
                  let next = index(of: crlf + delimiter, in: body, from: headersEnd + 4) else { break }
            let headers = String(decoding: body[cursor..<headersEnd], as: UTF8.self)
            let content = Array(body[(headersEnd + 4)..<next])
            if let (name, fileName) = disposition(headers) {
                parts[name] = Part(data: content, fileName: fileName)
            }
            position = next + 2
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

    static func index(of needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        let first = needle[0]
        var i = start
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first {
                var j = 1
                while j < needle.count, haystack[i + j] == needle[j] { j += 1 }
                if j == needle.count { return i }
            }
            i += 1
        }
        return nil
    }
}
