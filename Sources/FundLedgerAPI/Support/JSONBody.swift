import Foundation
import HTTPTypes
import Hummingbird
import Ledger

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
            guard let range = message.range(of: #"character (\d+)"#, options: .regularExpression),
                  let offset = Int(message[range].dropFirst("character ".count)) else {
                return data.isEmpty ? "(corps vide)" : nil
            }
            let before = String(decoding: data.prefix(offset), as: UTF8.self)
            let lines = before.split(separator: "\n", omittingEmptySubsequences: false)
            return "ligne \(lines.count), colonne \((lines.last?.count ?? 0) + 1)"
        }
    }

    /// The first top-level key whose value is a number that no `Int64` holds, if the body is a
    /// JSON object.
    private static func fieldWithNonInteger(in data: Data) -> String? {
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { return nil }
        for key in object.keys.sorted() {
            guard let number = object[key] as? NSNumber, !(object[key] is Bool) else { continue }
            let text = number.stringValue
            if Int64(text) == nil { return key }
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
