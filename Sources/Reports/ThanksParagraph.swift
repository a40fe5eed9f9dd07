import Foundation
import Ledger

/// The paragraph communications paste into the newsletter to thank a fund's donors.
///
/// Each fund may keep its own sentence (`FundThanks`, a `ThanksTemplate` with `{count}`,
/// `{audience}` and `{names}`); without one, the default sentence is the newsletter's Gaza thanks,
/// in the singular when there is one name. The names are joined with "et" before the last, in the
/// order the reader chose. Every piece is set in French typography (`FrenchTypography`): no-break
/// spaces before `:` (the newsletter's plain space would let the colon wrap), typographic
/// apostrophes.
public enum ThanksParagraph {
    /// The default sentence for those who gave, in the plural, with an audience:
    /// the newsletter's Gaza thanks.
    public static let contributorsTemplate =
        "Un grand merci aux {count} collectivités donatrices pour leur engagement et leur solidarité envers {audience} : {names}."

    /// The default sentence for those who said they intend to give, in the plural.
    public static let pledgersTemplate =
        "CUF souhaite d'ores et déjà remercier les collectivités qui ont confirmé leur intérêt à participer à cette initiative : {names}."

    /// The default sentence for `thanked`, fitted to the number of names and to whether the fund
    /// has an audience (without one, no "envers …").
    public static func defaultTemplate(_ thanked: Thanked, count: Int, hasAudience: Bool) -> String {
        switch thanked {
        case .contributors:
            let towards = hasAudience ? " envers {audience}" : ""
            return count == 1
                ? "Un grand merci à la collectivité donatrice pour son engagement et sa solidarité\(towards) : {names}."
                : "Un grand merci aux {count} collectivités donatrices pour leur engagement et leur solidarité\(towards) : {names}."
        case .pledgers:
            return count == 1
                ? "CUF souhaite d'ores et déjà remercier la collectivité qui a confirmé son intérêt à participer à cette initiative : {names}."
                : pledgersTemplate
        }
    }

    /// Thanks those who gave, in the default sentence, as plain text:
    /// `Un grand merci aux 27 collectivités donatrices pour leur engagement et leur solidarité
    /// envers la population gazaouie : Annemasse, Bondy, … et Strasbourg.`
    /// Nil when there is nobody to thank.
    public static func contributors(_ names: [String], audience: String?) -> String? {
        try? render(names: names, thanked: .contributors, template: nil, audience: audience)
    }

    /// Thanks those who confirmed they intend to give, in the default sentence, as plain text.
    /// Nil when there is nobody.
    public static func pledgers(_ names: [String]) -> String? {
        try? render(names: names, thanked: .pledgers, template: nil, audience: nil)
    }

    /// The paragraph: `template` (nil: the default sentence) with the names in their given order.
    /// Nil when there is nobody to thank; `ReportError` (in French) when the template cites an
    /// audience the fund does not have or cannot be read.
    /// - Parameter bold: names in bold (`**…**`, `<strong>`); plain text has no bold.
    public static func render(names: [String], thanked: Thanked, template: String?, audience: String?,
                              format: ThanksFormat = .text, bold: Bool = false) throws -> String? {
        guard !names.isEmpty else { return nil }
        let audience = audience.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        let parsed: ThanksTemplate
        do {
            parsed = try ThanksTemplate(template ?? defaultTemplate(thanked, count: names.count, hasAudience: audience != nil))
        } catch let error as InputError {
            throw ReportError("modèle de remerciements illisible : \(error.reason)")
        }
        var out = ""
        for part in parsed.parts(for: names.count) {
            switch part {
            case .text(let text):
                // The template's own words: communications may write Markdown or HTML in them.
                out += format == .html ? HTMLText.escape(FrenchTypography.apply(text)) : FrenchTypography.apply(text)
            case .count:
                out += String(names.count)
            case .audience:
                guard let audience else {
                    throw ReportError("le modèle de remerciements cite {audience}, mais le fonds n’a pas de public : renseignez-le ou retirez {audience}")
                }
                out += escaped(FrenchTypography.apply(audience), format)
            case .names:
                let list = escaped(FrenchTypography.apply(FrenchText.list(names)), format)
                out += !bold ? list : format == .markdown ? "**\(list)**" : format == .html ? "<strong>\(list)</strong>" : list
            case .choice:
                break  // `parts(for:)` chose the words already
            }
        }
        return format == .html ? FrenchTypography.superscriptOrdinals(inHTML: out) : out
    }

    /// Names and audience are data, not markup: escaped for the format they go into.
    private static func escaped(_ text: String, _ format: ThanksFormat) -> String {
        switch format {
        case .text: text
        case .html: HTMLText.escape(text)
        case .markdown:
            String(text.flatMap { "\\`*_[]<>#".contains($0) ? "\\\($0)" : "\($0)" })
        }
    }
}
