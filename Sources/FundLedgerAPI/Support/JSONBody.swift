import Foundation
import HTTPTypes
import Hummingbird
import Ledger
import NIOCore

extension Request {
    /// The body as `T`, decoded from JSON: 415 unless `Content-Type` is JSON, 413 beyond
    /// `APIConfiguration.maxJSONBodyBytes`, 400 naming the field (or the line and column) when
    /// it cannot be read. Keys are snake_case, as every JSON of the ledger. The decoding itself
    /// is the ledger's `RequestJSON.decode` (no HTTP in it, so that `scripts/fuzz` fuzzes it).
    func decodeJSON<T: Decodable>(_ type: T.Type, context: APIRequestContext) async throws -> T {
        guard let contentType = headers[.contentType].flatMap(MediaType.init(from:)),
              contentType.isType(.applicationJson) || contentType.subType.hasSuffix("+json") else {
            throw Problem.unsupportedMediaType(expected: "application/json")
        }
        let data = try await collectBody(upTo: APIConfiguration.maxJSONBodyBytes)
        do {
            return try RequestJSON.decode(T.self, from: data)
        } catch RequestBodyError.notAnInteger(let field) {
            throw Problem.badRequest("\(field) doit être un nombre entier.", field: field)
        } catch RequestBodyError.duplicateKey(let field) {
            throw Problem.badRequest("\(field) est donné deux fois.", field: field)
        } catch RequestBodyError.unreadable(let location) {
            throw Problem.badRequest("JSON illisible\(location.map { " \($0)" } ?? "").")
        }
    }

    /// The body's bytes, 413 (`Problem.tooLarge`) beyond `limit` bytes: whether the declared
    /// Content-Length says so (`HTTPError`) or the body streams past the limit (no
    /// Content-Length, or one the client understated: `NIOTooManyBytesError`), never a 500.
    func collectBody(upTo limit: Int) async throws -> Data {
        do {
            return Data(buffer: try await body.collect(upTo: limit))
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw Problem.tooLarge(limit: limit)
        } catch is NIOTooManyBytesError {
            throw Problem.tooLarge(limit: limit)
        }
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
