import Foundation

/// The Gaza donors as the March–April 2026 newsletter prints them, in its order (shared/DOMAIN.md),
/// with "Liffré" accented as in its Vietnam list (the same commune).
enum Newsletter {
    static let gazaDonors = [
        "Annemasse", "Bondy", "Chambéry", "Clermont-Ferrand", "Communauté urbaine de Dunkerque",
        "Département de Loire-Atlantique", "Département de Seine-Saint-Denis", "Gennevilliers", "Grenoble",
        "Grigny", "Hérouville-Saint-Clair", "Indre", "Ivry-sur-Seine", "La Courneuve",
        "Le Seignanx Communauté de communes", "Liffré", "Lille", "Martignes", "Missillac", "Montpellier",
        "Nancy", "Nanterre", "Région Occitanie", "Rennes", "Rezé", "Sarcelles", "Strasbourg",
    ]

    /// The Gaza sentence as printed (seeds/000_dae1830f659f0eeb.txt), the line-break hyphen of
    /// "An-nemasse" removed.
    static let printedGaza = "Un grand merci aux 27 collectivités donatrices pour leur engagement et leur solidarité envers la population gazaouie : Annemasse, Bondy, Chambéry, Clermont-Ferrand, Communauté urbaine de Dunkerque, Département de Loire-Atlantique, Département de Seine-Saint-Denis, Gennevilliers, Grenoble, Grigny, Hérouville-Saint-Clair, Indre, Ivry-sur-Seine, La Courneuve, Le Seignanx Communauté de communes, Liffre, Lille, Martignes, Missillac, Montpellier, Nancy, Nanterre, Région Occitanie, Rennes, Rezé, Sarcelles, Strasbourg."

    /// The Vietnam sentence as printed, in Markdown (its names in bold).
    static let printedVietnam = "CUF souhaite d'ores et déjà remercier les collectivités qui ont confirmé leur intérêt à participer à cette initiative, ainsi que la confiance qu'elles nous accordent : **Cergy, Rennes, Grand Poitiers, Saint-Calais, Le Havre et Liffré**."

    /// What `thanks --fund GAZA` prints: the printed sentence with the one commune spelt once
    /// ("Liffré"), "et" before the last name (as the Vietnam sentence, and French running text,
    /// have it) and French typography (a no-break space before the colon).
    static let gazaThanks = "Un grand merci aux 27 collectivités donatrices pour leur engagement et leur solidarité envers la population gazaouie\u{00A0}: "
        + gazaDonors.dropLast().joined(separator: ", ") + " et Strasbourg."

    /// Vietnam's own clause, as communications store it (`fund set-thanks`).
    static let vietnamTemplate = "CUF souhaite d'ores et déjà remercier les collectivités qui ont confirmé leur intérêt à participer à cette initiative, ainsi que la confiance qu'elles nous accordent : {names}."

    /// What `thanks --fund VIETNAM --pledged --format markdown` prints with the stored clause:
    /// the printed sentence in French typography (typographic apostrophes, no-break space).
    static let vietnamThanksMarkdown = "CUF souhaite d\u{2019}ores et déjà remercier les collectivités qui ont confirmé leur intérêt à participer à cette initiative, ainsi que la confiance qu\u{2019}elles nous accordent\u{00A0}: **Cergy, Rennes, Grand Poitiers, Saint-Calais, Le Havre et Liffré**."

    /// The same in plain text (no bold).
    static let vietnamThanks = vietnamThanksMarkdown.replacingOccurrences(of: "**", with: "")

    /// Typeset text back to the newsletter's typewriter characters, to compare with what it printed.
    static func untypeset(_ text: String) -> String {
        text.replacingOccurrences(of: "\u{2019}", with: "'").replacingOccurrences(of: "\u{00A0}", with: " ")
            .replacingOccurrences(of: "\u{202F}", with: " ")
    }
}
