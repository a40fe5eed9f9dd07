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

    static let gazaThanks = "Un grand merci aux 27 collectivités donatrices pour leur engagement et leur solidarité envers la population gazaouie : "
        + gazaDonors.dropLast().joined(separator: ", ") + " et Strasbourg."

    static let vietnamThanks = "CUF souhaite d'ores et déjà remercier les collectivités qui ont confirmé leur intérêt à participer à cette initiative : Cergy, Grand Poitiers, Le Havre, Liffré, Rennes et Saint-Calais."
}
