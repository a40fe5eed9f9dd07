import Foundation
import Mustache

/// The screens' mustache templates (`Templates/*.mustache`, package resources), loaded once at
/// startup. `{{value}}` escapes HTML; the templates use `{{{…}}}` only for markup the Swift code
/// built itself (the SVG bars), never for text from the database or a form.
struct WebTemplates: Sendable {
    let library: MustacheLibrary
    /// The style sheet, served at /app/style.css.
    let styleSheet: String
    /// The thanks page's copy button, served at /app/copy.js (the pages' CSP allows no inline script).
    let copyScript: String

    /// The shipped templates. A template that does not parse is a defect of the build, caught by
    /// the tests (`WebTemplatesTests`): it stops the server at startup rather than on a page.
    static let shipped: WebTemplates = {
        do {
            return try load()
        } catch {
            preconditionFailure("FundLedgerWeb templates: \(error)")
        }
    }()

    static func load() throws -> WebTemplates {
        guard let folder = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "Templates folder missing"])
        }
        var library = MustacheLibrary()
        var styleSheet = ""
        var copyScript = ""
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            if name.hasSuffix(".mustache") {
                try library.register(text, named: String(name.dropLast(".mustache".count)))
            } else if name == "style.css" {
                styleSheet = text
            } else if name == "copy.js" {
                copyScript = text
            }
        }
        return WebTemplates(library: library, styleSheet: styleSheet, copyScript: copyScript)
    }

    /// The page `template` renders for `values`.
    func render(_ template: String, _ values: [String: Any]) -> String {
        guard let html = library.render(values, withTemplate: template) else {
            preconditionFailure("FundLedgerWeb: no template \(template)")
        }
        return html
    }
}
