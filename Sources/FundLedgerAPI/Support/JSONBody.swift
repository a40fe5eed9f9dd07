import Foundation
import HTTPTypes
import Hummingbird
import Ledger
import NIOCore

extension Request {
    /// The body as `T`, decoded from JSON: 415 unless `Content-Type` is JSON, 413 beyond
    /// `APIConfiguration.maxJSONBodyBytes`, 400 naming the field (or the line and column) when
    /// it cannot be read. Keys are snake_case, as every JSON of the ledger.
    func decodeJSON<T: Decodable>(_ type: T.Type, context: APIRequestContext) async throws -> T {
        guard let contentType = headers[.contentType].flatMap(MediaType.init(from:)),
              contentType.isType(.applicationJson) || contentType.subType.hasSuffix("+json") else {
            throw Problem.unsupportedMediaType(expected: "application/json")
        }
        let buffer: ByteBuffer
        do {
            buffer = try await body.collect(upTo: APIConfiguration.maxJSONBodyBytes)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw Problem.tooLarge(limit: APIConfiguration.maxJSONBodyBytes)
        } catch is NIOTooManyBytesError {
            // What `collect(upTo:)` throws when the body streams past the limit (no
            // Content-Length, or one the client understated): a 413 too, never a 500.
            throw Problem.tooLarge(limit: APIConfiguration.maxJSONBodyBytes)
        }
        let data = Data(buffer: buffer)
        do {
            return try JSONDecoder.ledger.decode(T.self, from: data)
        } catch DecodingError.dataCorrupted(let context) where context.codingPath.isEmpty {
            // Foundation names no field when a number does not fit its integer (1e30, 12.5,
            // 99999999999999999999): every number of our bodies is an integer (cents, ids).
            if let field = Self.fieldWithNonInteger(in: data) {
                throw Problem.badRequest("\(field) doit être un nombre entier.", field: field)
            }
            throw Problem.badRequest("JSON illisible\(Self.whereJSONBreaks(data).map { " \($0)" } ?? "").")
        }
    }

    /// `ligne 2, colonne 7` where the body stops being JSON. JSONDecoder does not say where on
    /// Linux; JSONSerialization gives the character offset.
    static func whereJSONBreaks(_ data: Data) -> String? {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return nil
        } catch {
            let message = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? ""
            if data.isEmpty { return "(corps vide)" }
            let offset: Int
            if let range = message.range(of: #"character (\d+)"#, options: .regularExpression),
               let found = Int(message[range].dropFirst("character ".count)) {
                offset = found
            } else if message.hasPrefix("Unexpected end of file") {
                offset = data.count  // the body stops before the JSON does: cut short
            } else {
                return nil
            }
            let before = String(decoding: data.prefix(offset), as: UTF8.self)
            let lines = before.split(separator: "\n", omittingEmptySubsequences: false)
            return "ligne \(lines.count), colonne \((lines.last?.count ?? 0) + 1)"
        }
    }

    /// The first top-level key whose value is a number that no `Int64` holds, if the body is a
    /// JSON object. Read from the text itself: a number no `Double` holds either (`1e400`) makes
    /// JSONSerialization refuse the whole body, and the member at fault must still be named.
    static func fieldWithNonInteger(in data: Data) -> String? {
        let bytes = [UInt8](data)
        var index = 0, depth = 0
        var lastKey: String?, expectingValue = false
        func readString() -> String? {  // at a quote; leaves index after the closing one
            var out: [UInt8] = []
            index += 1
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\\") { out.append(byte); if index + 1 < bytes.count { out.append(bytes[index + 1]) }; index += 2; continue }
                if byte == UInt8(ascii: "\"") { index += 1; return String(decoding: out, as: UTF8.self) }
                out.append(byte)
                index += 1
            }
            return nil
        }
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                guard let text = readString() else { return nil }
                if depth == 1 && !expectingValue { lastKey = text }
                expectingValue = false
                continue
            case UInt8(ascii: ":"):
                expectingValue = depth == 1
            case UInt8(ascii: ","):
                expectingValue = false
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                expectingValue = false
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                let start = index
                while index < bytes.count, "+-.eE0123456789".utf8.contains(bytes[index]) { index += 1 }
                if depth == 1, expectingValue, let key = lastKey,
                   Int64(String(decoding: bytes[start..<index], as: UTF8.self)) == nil {
                    return key
                }
                expectingValue = false
                continue
            default:
                break
            }
            index += 1
        }
        return nil
    }

    /// The `Idempotency-Key` header, if sent.
    var idempotencyKey: String? {
        headers[HTTPField.Name("Idempotency-Key")!]
    }
}

extension Response {
    /// `value` as the ledger's JSON (`JSONEncoder.ledger`), with a `Location` when it was created.
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok, location: String? = nil) throws -> Response {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if let location { headers[.location] = location }
        let data = try JSONEncoder.ledger.encode(value)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
