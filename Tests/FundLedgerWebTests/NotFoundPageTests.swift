import Hummingbird
import Testing

/// A mistyped address under /app gets a page in French, not the API's problem+json.
@Suite(.serialized) struct NotFoundPageTests {
    @Test func anUnknownScreenIsAFrenchPage() async throws {
        try await WebServer.with { server in
            var browser = try await server.signedIn(.reader)
            for path in ["/app/fonds/GAZA/inexistant", "/app/nimporte/quoi/ici"] {
                let page = try await browser.get(path)
                #expect(page.status == .notFound, "\(path)")
                #expect(page.headers[.contentType]?.hasPrefix("text/html") == true, "\(path): \(page)")
                #expect(page.body.contains("Page introuvable") && page.body.contains("tableau de bord"))
            }
            // Known screens still answer.
            #expect(try await browser.get("/app").status == .ok)
            #expect(try await browser.get("/app/fonds/GAZA").status == .ok)
        }
    }
}
