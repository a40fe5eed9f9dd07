import Foundation
import HTTPTypes
import Hummingbird
import Ledger
import NIOCore

/// `/v1/settings`: the organisation's settings the reports print — its name, its SIREN (the
/// FEC's file name), its logo — as `fundledger settings show|set|clear`. Any token reads them;
/// an admin sets and clears them.
///
///     PUT /v1/settings/organisation  {"value": "Cités Unies France"}
///     PUT /v1/settings/siren         {"value": "775663438"}
///     PUT /v1/settings/logo          the image itself (Content-Type image/png, image/jpeg or image/svg+xml)
///     DELETE /v1/settings/siren      (or organisation, logo)
struct SettingsController {
    let service: LedgerService

    func addRoutes(to group: RouterGroup<APIRequestContext>) {
        group.requiring(.reader)
            .get(use: show)
            .get("logo", use: logo)
        group.requiring(.admin)
            .put("organisation", use: setOrganisation)
            .put("siren", use: setSIREN)
            .put("logo", use: setLogo)
            .delete("organisation") { request, context in try await clear(.organisation, request, context) }
            .delete("siren") { request, context in try await clear(.siren, request, context) }
            .delete("logo") { request, context in try await clear(.logo, request, context) }
    }

    /// A setting as the path names it.
    enum Name {
        case organisation, siren, logo
    }

    /// The settings as the client reads them: the logo by its type and size, its bytes at
    /// `GET /v1/settings/logo`.
    struct Settings: Encodable {
        struct Logo: Encodable {
            var mediaType: String
            var bytes: Int
            var url = "/v1/settings/logo"

            enum CodingKeys: String, CodingKey {
                case mediaType = "media_type", bytes, url
            }
        }

        var organisation: String?
        var siren: String?
        var logo: Logo?

        init(_ settings: OrganisationSettings) {
            organisation = settings.name
            siren = settings.siren
            logo = settings.logo.map { Logo(mediaType: $0.mediaType, bytes: $0.bytes.count) }
        }

        /// Every key is written, `null` when the setting is not set.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(organisation, forKey: .organisation)
            try container.encode(siren, forKey: .siren)
            try container.encode(logo, forKey: .logo)
        }

        enum CodingKeys: String, CodingKey {
            case organisation, siren, logo
        }
    }

    @Sendable func show(_ request: Request, context: APIRequestContext) async throws -> Response {
        try .json(Settings(try await service.read { try $0.organisationSettings() }))
    }

    /// The logo's bytes, with its type; 404 when none is set.
    @Sendable func logo(_ request: Request, context: APIRequestContext) async throws -> Response {
        guard let logo = try await service.read({ try $0.organisationSettings() }).logo else {
            throw Problem(status: .notFound, slug: "not-found", title: "Introuvable",
                          detail: "Aucun logo n'est enregistré (PUT /v1/settings/logo).")
        }
        // An SVG opened from here runs nothing: no script, no fetch, only its own styles.
        let headers: HTTPFields = [
            .contentType: logo.mediaType,
            .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; sandbox",
            HTTPField.Name("X-Content-Type-Options")!: "nosniff",
        ]
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: logo.bytes)))
    }

    /// `{"value": "…"}` for the name and the SIREN.
    struct Value: Decodable {
        var value: String
    }

    /// What a logo may be sent as; the ledger reads its true type from its bytes.
    static let imageTypes = ["image/png", "image/jpeg", "image/svg+xml"]

    /// `{"value": "Cités Unies France"}`: 200 with the settings.
    @Sendable func setOrganisation(_ request: Request, context: APIRequestContext) async throws -> Response {
        try await set(.organisation, request, context)
    }

    /// `{"value": "775663438"}`: 200 with the settings; nine digits whose Luhn key is right,
    /// else 422 naming `value`.
    @Sendable func setSIREN(_ request: Request, context: APIRequestContext) async throws -> Response {
        try await set(.siren, request, context)
    }

    private func set(_ setting: LedgerStore.OrganisationSetting, _ request: Request,
                     _ context: APIRequestContext) async throws -> Response {
        let body = try await request.decodeJSON(Value.self, context: context)
        guard !body.value.allSatisfy(\.isWhitespace) else {
            throw Problem.invalid("value est vide ; pour effacer ce réglage : DELETE /v1/settings/\(setting.rawValue).",
                                  field: "value")
        }
        let settings = try await service.record(request, context, kind: "settings",
                                                fields: [setting.rawValue: "value"]) { store, _ in
            try store.setOrganisation(setting, to: body.value)
        }
        return try .json(Settings(settings))
    }

    /// The image itself as the body: 200 with the settings (the type the ledger read from the
    /// bytes); 415 unless sent as PNG, JPEG or SVG, 413 beyond 256 KiB, 422 when the bytes are no
    /// such image.
    @Sendable func setLogo(_ request: Request, context: APIRequestContext) async throws -> Response {
        let image = try await Self.image(request)
        let settings = try await service.record(request, context, kind: "settings") { store, _ in
            try store.setOrganisationLogo(image)
        }
        return try .json(Settings(settings))
    }

    /// 200 with the settings, the one named cleared.
    @Sendable func clear(_ name: Name, _ request: Request, _ context: APIRequestContext) async throws -> Response {
        let settings = try await service.record(request, context, kind: "settings") { store, _ in
            switch name {
            case .organisation: try store.setOrganisation(.organisation, to: nil)
            case .siren: try store.setOrganisation(.siren, to: nil)
            case .logo: try store.setOrganisationLogo(nil)
            }
        }
        return try .json(Settings(settings))
    }

    /// The body of `PUT /v1/settings/logo`: 415 unless sent as an image type, 413 beyond 256 KiB.
    private static func image(_ request: Request) async throws -> Data {
        let contentType = request.headers[.contentType].flatMap(MediaType.init(from:))
        guard let contentType, imageTypes.contains("\(contentType.type)/\(contentType.subType)".lowercased()) else {
            throw Problem.unsupportedMediaType(expected: "image/png, image/jpeg ou image/svg+xml")
        }
        return try await request.collectBody(upTo: APIConfiguration.maxLogoBytes)
    }
}
