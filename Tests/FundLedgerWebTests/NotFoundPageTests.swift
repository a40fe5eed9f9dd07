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
            // A fund code that cannot be one (too long) is the same French page on every fund screen.
            let impossible = String(repeating: "X", count: 501)
            var clerk = try await server.signedIn(.clerk)  // the forms are a clerk's
            for screen in ["", "/versement", "/promesse", "/paiement", "/remerciements", "/rapport"] {
                let page = try await clerk.get("/app/fonds/\(impossible)\(screen)")
                #expect(page.status == .notFound && page.body.contains("Aucun fonds"), "\(screen): \(page.status)")
            }
            // Known screens still answer.
            #expect(try await browser.get("/app").status == .ok)
            #expect(try await browser.get("/app/fonds/GAZA").status == .ok)
        }
    }
}
