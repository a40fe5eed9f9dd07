import Foundation
import HTTPTypes
import HummingbirdTesting
import Ledger
import NIOCore
import Testing

/// `/v1/settings`: the organisation's name, SIREN and logo, read by any token, set and cleared by
/// an admin, as `fundledger settings show|set|clear`.
@Suite struct SettingsAPITests {
    /// `PUT path` with raw bytes as the body.
    static func put(_ api: APIServer, _ path: String, bytes: [UInt8], contentType: String?,
                    as role: APIToken.Role = .admin) async throws -> APIResponse {
        var headers: HTTPFields = [.authorization: "Bearer \(api.tokens[role]!)"]
        if let contentType { headers[.contentType] = contentType }
        let response = try await api.client.execute(uri: path, method: .put, headers: headers, body: ByteBuffer(bytes: bytes))
        return APIResponse(status: response.status, headers: response.headers, body: String(buffer: response.body))
    }

    @Test func settingsAreSetShownAndCleared() async throws {
        try await APIServer.with { api in
            let empty = try await api.get("/v1/settings")
            #expect(empty.status == .ok, "\(empty)")
            #expect(empty.json["organisation"] is NSNull, "\(empty)")
            #expect(empty.json["siren"] is NSNull)
            #expect(empty.json["logo"] is NSNull)

            let name = #"{"value": "Cités Unies France"}"#
            expectProblem(try await api.request(.put, "/v1/settings/organisation", as: .clerk, json: name), .forbidden, field: nil)
            let named = try await api.request(.put, "/v1/settings/organisation", as: .admin, json: name)
            #expect(named.status == .ok, "\(named)")
            #expect(named.json["organisation"] as? String == "Cités Unies France")
            let siren = try await api.request(.put, "/v1/settings/siren", as: .admin, json: #"{"value": "775 663 438"}"#)
            #expect(siren.status == .ok, "\(siren)")
            #expect(siren.json["siren"] as? String == "775663438")
            let shown = try await api.get("/v1/settings")
            #expect(shown.json["organisation"] as? String == "Cités Unies France")
            #expect(shown.json["siren"] as? String == "775663438")

            // A SIREN whose key is wrong, or not nine digits: 422 naming the body's field.
            let before = try api.snapshot()
            for value in ["123456789", "12345", "ABCDEFGHI"] {
                let refused = try await api.request(.put, "/v1/settings/siren", as: .admin, json: #"{"value": "\#(value)"}"#)
                expectProblem(refused, .unprocessableContent, field: "value")
                #expect(refused.json["detail"] as? String ?? "" != "", "\(refused)")
            }
            expectProblem(try await api.request(.put, "/v1/settings/organisation", as: .admin, json: #"{"value": "  "}"#),
                          .unprocessableContent, field: "value")
            expectProblem(try await api.request(.put, "/v1/settings/siren", as: .admin, json: #"{"siren": "775663438"}"#),
                          .badRequest, field: "value")
            expectProblem(try await api.request(.delete, "/v1/settings/nom", as: .admin), .notFound, field: nil)
            expectProblem(try await api.request(.delete, "/v1/settings/siren", as: .reader), .forbidden, field: nil)
            #expect(try api.snapshot() == before)
            #expect(try await api.get("/v1/settings").json["siren"] as? String == "775663438")

            let cleared = try await api.request(.delete, "/v1/settings/siren", as: .admin)
            #expect(cleared.status == .ok, "\(cleared)")
            #expect(cleared.json["siren"] is NSNull)
            #expect(cleared.json["organisation"] as? String == "Cités Unies France")
            #expect(try await api.get("/v1/settings").json["siren"] is NSNull)
        }
    }

    @Test func aLogoIsUploadedReadBackAndANonImageRefused() async throws {
        try await APIServer.with { api in
            expectProblem(try await api.get("/v1/settings/logo"), .notFound, field: nil)
            let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 0, count: 64)
            expectProblem(try await Self.put(api, "/v1/settings/logo", bytes: png, contentType: "image/png", as: .clerk),
                          .forbidden, field: nil)
            let uploaded = try await Self.put(api, "/v1/settings/logo", bytes: png, contentType: "image/png")
            #expect(uploaded.status == .ok, "\(uploaded)")
            let logo = try #require(uploaded.json["logo"] as? [String: Any], "\(uploaded)")
            #expect(logo["media_type"] as? String == "image/png")
            #expect(logo["bytes"] as? Int == png.count)
            #expect(logo["url"] as? String == "/v1/settings/logo")
            let image = try await api.client.execute(uri: "/v1/settings/logo", method: .get,
                                                     headers: [.authorization: "Bearer \(api.tokens[.reader]!)"], body: nil)
            #expect(image.status == .ok)
            #expect(image.headers[.contentType] == "image/png")
            #expect(Array(image.body.readableBytesView) == png)

            let svg = #"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>"#
            let vector = try await api.send(.put, "/v1/settings/logo", body: svg, contentType: "image/svg+xml", as: .admin)
            #expect(vector.status == .ok, "\(vector)")
            #expect((vector.json["logo"] as? [String: Any])?["media_type"] as? String == "image/svg+xml")
            #expect(try await api.get("/v1/settings/logo").body == svg)

            // Not an image: refused by its type (415) or by its bytes (422); too large: 413.
            let before = try api.snapshot()
            expectProblem(try await api.send(.put, "/v1/settings/logo", body: "bonjour", contentType: "text/plain", as: .admin),
                          .unsupportedMediaType, field: nil)
            expectProblem(try await api.send(.put, "/v1/settings/logo", body: "bonjour", contentType: nil, as: .admin),
                          .unsupportedMediaType, field: nil)
            expectProblem(try await api.send(.put, "/v1/settings/logo", body: "bonjour", contentType: "image/png", as: .admin),
                          .unprocessableContent, field: "logo")
            expectProblem(try await Self.put(api, "/v1/settings/logo", bytes: png + Array(repeating: 0, count: 256 * 1024),
                                             contentType: "image/png"), .contentTooLarge, field: nil)
            #expect(try api.snapshot() == before)
            #expect(try await api.get("/v1/settings/logo").body == svg)

            let cleared = try await api.request(.delete, "/v1/settings/logo", as: .admin)
            #expect(cleared.status == .ok, "\(cleared)")
            #expect(cleared.json["logo"] is NSNull)
            expectProblem(try await api.get("/v1/settings/logo"), .notFound, field: nil)
        }
    }
}
