import Ledger

/// The four funds of the association's documents (newsletter of March–April 2026, portal of
/// November 2025). Names, partners, milestones and dates follow the documents; every AMOUNT is
/// invented (the documents give none) and is printed as illustrative.
enum DemoFigures {
    struct Gift {
        var donor: String
        var kind: Donor.Kind
        var amount: String
        var on: String
        /// A pledge (amount, date) the gift pays, when the council voted one first.
        var pledge: (amount: String, on: String, reference: String)? = nil
    }

    struct Milestone {
        var title: String
        var due: String
        var tranche: String?
        var achievedOn: String?
        /// A tranche paid for it: amount and date.
        var paid: (amount: String, on: String)? = nil
    }

    struct Project {
        var key: String
        var partner: String
        var title: String
        var budget: String
        var milestones: [Milestone]
        /// What it does and whom it reaches, for the quarterly report's narrative.
        var description: String? = nil
        var beneficiaries: String? = nil
    }

    struct FundData {
        var code: String
        var name: String
        var audience: String?
        var openedOn: String
        var partners: [(name: String, country: String)]
        var gifts: [Gift]
        var pledgesOnly: [Gift] = []
        var projects: [Project]
        var status: (Fund.Status, on: String)? = nil
        /// The fund's own thanks, as the newsletter writes them (nil: the default sentence).
        var thanks: Thanks? = nil
    }

    /// A fund's own thanks sentence (`fundledger fund set-thanks`).
    struct Thanks {
        var thanked: Thanked
        var template: String
        var order: ThanksOrder
        var bold: Bool
    }

    /// The 27 collectivités thanked in the newsletter for the Gaza fund, as printed (Liffré
    /// with its accent, as in the Vietnam list: one commune).
    static let gaza = FundData(
        code: "GAZA", name: "Fonds de solidarité pour Gaza", audience: "la population gazaouie",
        openedOn: "2023-11-01",
        partners: [("Super Novae", "PS")],
        gifts: [
            Gift(donor: "Annemasse", kind: .commune, amount: "2 000", on: "2025-11-18"),
            Gift(donor: "Bondy", kind: .commune, amount: "2 500", on: "2026-02-03"),
            Gift(donor: "Chambéry", kind: .commune, amount: "3 000", on: "2025-12-09"),
            Gift(donor: "Clermont-Ferrand", kind: .commune, amount: "5 000", on: "2025-12-16",
                 pledge: ("5 000", "2025-11-24", "Délib. 2025-118")),
            Gift(donor: "Communauté urbaine de Dunkerque", kind: .intercommunalite, amount: "10 000", on: "2026-01-14",
                 pledge: ("10 000", "2025-11-27", "Délib. CU-2025-311")),
            Gift(donor: "Département de Loire-Atlantique", kind: .departement, amount: "15 000", on: "2026-01-22",
                 pledge: ("15 000", "2025-11-20", "Délib. CD44-2025-087")),
            Gift(donor: "Département de Seine-Saint-Denis", kind: .departement, amount: "15 000", on: "2025-12-02",
                 pledge: ("15 000", "2025-11-13", "Délib. CD93-2025-204")),
            Gift(donor: "Gennevilliers", kind: .commune, amount: "3 000", on: "2025-11-25"),
            Gift(donor: "Grenoble", kind: .commune, amount: "5 000", on: "2026-01-08"),
            Gift(donor: "Grigny", kind: .commune, amount: "1 000", on: "2026-02-11"),
            Gift(donor: "Hérouville-Saint-Clair", kind: .commune, amount: "1 500", on: "2025-12-18"),
            Gift(donor: "Indre", kind: .departement, amount: "4 000", on: "2026-03-04"),
            Gift(donor: "Ivry-sur-Seine", kind: .commune, amount: "3 000", on: "2025-11-28"),
            Gift(donor: "La Courneuve", kind: .commune, amount: "2 000", on: "2026-01-27"),
            Gift(donor: "Le Seignanx Communauté de communes", kind: .intercommunalite, amount: "1 500", on: "2026-02-17"),
            Gift(donor: "Liffré", kind: .commune, amount: "1 000", on: "2026-03-10"),
            Gift(donor: "Lille", kind: .commune, amount: "8 000", on: "2025-12-11",
                 pledge: ("10 000", "2025-11-21", "Délib. 2025-1432")),
            Gift(donor: "Martignes", kind: .commune, amount: "3 000", on: "2026-01-20"),
            Gift(donor: "Missillac", kind: .commune, amount: "1 000", on: "2026-02-24"),
            Gift(donor: "Montpellier", kind: .commune, amount: "6 000", on: "2025-12-05"),
            Gift(donor: "Nancy", kind: .commune, amount: "5 000", on: "2026-01-13"),
            Gift(donor: "Nanterre", kind: .commune, amount: "4 000", on: "2025-11-20"),
            Gift(donor: "Région Occitanie", kind: .region, amount: "15 000", on: "2026-02-26",
                 pledge: ("15 000", "2025-12-12", "Délib. CP-2025-12-07")),
            Gift(donor: "Rennes", kind: .commune, amount: "7 500", on: "2025-12-19",
                 pledge: ("7 500", "2025-11-26", "Délib. 2025-0587")),
            Gift(donor: "Rezé", kind: .commune, amount: "2 000", on: "2026-03-17"),
            Gift(donor: "Sarcelles", kind: .commune, amount: "1 500", on: "2026-01-30"),
            Gift(donor: "Strasbourg", kind: .commune, amount: "10 000", on: "2026-03-24"),
        ],
        projects: [
            Project(key: "eau", partner: "Super Novae",
                    title: "Distribution d'eau potable (≈ 3 000 personnes)", budget: "120 000",
                    milestones: [
                        Milestone(title: "Identification des points de distribution et des familles bénéficiaires",
                                  due: "2025-12-15", tranche: "40 000", achievedOn: "2025-12-12",
                                  paid: ("40 000", "2025-12-22")),
                        Milestone(title: "Distribution d'eau potable à environ 3 000 personnes",
                                  due: "2026-02-28", tranche: "40 000", achievedOn: "2026-02-20"),
                        Milestone(title: "Rapport final", due: "2026-06-30", tranche: "40 000"),
                    ],
                    description: "L'ONG Super Novae distribue de l'eau potable dans la bande de Gaza",
                    beneficiaries: "environ 3 000 personnes"),
        ])

    /// After the 2023 earthquake; closure mission in January–February 2026, fund being closed.
    static let turquie = FundData(
        code: "TURQUIE", name: "Fonds de solidarité pour la Turquie",
        audience: "les populations touchées par le séisme", openedOn: "2023-02-08",
        partners: [("Municipalité de Besni", "TR"), ("Municipalité de Gölbaşı", "TR"),
                   ("Union des municipalités de Turquie (TBB)", "TR")],
        gifts: [
            Gift(donor: "Nancy", kind: .commune, amount: "10 000", on: "2023-03-15"),
            Gift(donor: "Département de Meurthe-et-Moselle", kind: .departement, amount: "20 000", on: "2023-03-30",
                 pledge: ("20 000", "2023-02-27", "Délib. CD54-2023-019")),
            Gift(donor: "Département de l'Aude", kind: .departement, amount: "15 000", on: "2023-04-12"),
            Gift(donor: "Strasbourg", kind: .commune, amount: "8 000", on: "2023-05-10"),
        ],
        projects: [
            Project(key: "besni", partner: "Municipalité de Besni",
                    title: "Villes résilientes et renforcement de la société civile — Besni", budget: "20 000",
                    milestones: [
                        Milestone(title: "Programme d'appui à la société civile de Besni", due: "2024-03-31",
                                  tranche: "20 000", achievedOn: "2024-03-12", paid: ("20 000", "2024-03-15")),
                        Milestone(title: "Mission de clôture à Besni", due: "2026-02-28", achievedOn: "2026-01-29"),
                    ],
                    description: "Appui à la société civile et à la reconstruction de Besni, dans la province d'Adıyaman"),
            Project(key: "golbasi", partner: "Municipalité de Gölbaşı",
                    title: "Villes résilientes et renforcement de la société civile — Gölbaşı", budget: "20 000",
                    milestones: [
                        Milestone(title: "Programme d'appui à la société civile de Gölbaşı", due: "2024-04-30",
                                  tranche: "20 000", achievedOn: "2024-04-05", paid: ("20 000", "2024-04-10")),
                        Milestone(title: "Mission de clôture à Gölbaşı", due: "2026-02-28", achievedOn: "2026-02-03"),
                    ],
                    description: "Appui à la société civile et à la reconstruction de Gölbaşı, dans la province d'Adıyaman"),
            Project(key: "tbb", partner: "Union des municipalités de Turquie (TBB)",
                    title: "Villes résilientes — coordination avec l'Union des municipalités de Turquie", budget: "10 000",
                    milestones: [
                        Milestone(title: "Accueil d'une délégation turque à Nancy, en Meurthe-et-Moselle et dans l'Aude (12-15 novembre 2025)",
                                  due: "2025-11-15", tranche: "10 000", achievedOn: "2025-11-15",
                                  paid: ("10 000", "2025-10-20")),
                        Milestone(title: "Rapport de clôture du fonds", due: "2026-02-28", achievedOn: "2026-02-27"),
                    ]),
        ],
        status: (.closing, on: "2026-02-28"))

    /// Three partner villages: identification and diagnosis done, works under way, completion in 2026.
    static let maroc = FundData(
        code: "MAROC", name: "Fonds de solidarité pour le Maroc", audience: "la population marocaine",
        openedOn: "2023-09-12",
        partners: [("Association partenaire au Maroc (nom fictif)", "MA")],
        gifts: [
            Gift(donor: "Montpellier", kind: .commune, amount: "10 000", on: "2023-10-05"),
            Gift(donor: "Lille", kind: .commune, amount: "8 000", on: "2023-10-20"),
            Gift(donor: "Département de Seine-Saint-Denis", kind: .departement, amount: "20 000", on: "2023-11-02"),
            Gift(donor: "Région Occitanie", kind: .region, amount: "30 000", on: "2023-12-14",
                 pledge: ("30 000", "2023-10-13", "Délib. CP-2023-10-22")),
        ],
        projects: ["A", "B", "C"].map { village in
            Project(key: "village-\(village)", partner: "Association partenaire au Maroc (nom fictif)",
                    title: "Réhabilitation du village partenaire \(village)", budget: "20 000",
                    milestones: [
                        Milestone(title: "Identification et diagnostic — village \(village)", due: "2025-06-30",
                                  tranche: "6 000", achievedOn: "2025-06-20", paid: ("6 000", "2025-07-15")),
                        Milestone(title: "Premiers travaux de réhabilitation — village \(village)", due: "2026-03-31",
                                  tranche: "8 000", paid: ("8 000", "2026-02-10")),
                        Milestone(title: "Finalisation des travaux — village \(village)", due: "2026-12-15",
                                  tranche: "6 000"),
                    ],
                    description: "Réhabilitation des maisons et des équipements du village \(village) après le séisme d'Al Haouz",
                    beneficiaries: "les familles du village \(village)")
        })

    /// Opened after typhoon Kalmaegi; the six collectivités that confirmed their intent in January 2026.
    static let vietnam = FundData(
        code: "VIETNAM", name: "Fonds de solidarité pour le Vietnam",
        audience: "les populations du centre du Vietnam touchées par le typhon Kalmaegi", openedOn: "2025-11-10",
        partners: [],
        gifts: [],
        pledgesOnly: [
            // In the order they came forward, the newsletter's order (its thanks are by first commitment).
            Gift(donor: "Cergy", kind: .commune, amount: "3 000", on: "2026-01-12"),
            Gift(donor: "Rennes", kind: .commune, amount: "5 000", on: "2026-01-14", pledge: ("5 000", "2026-01-14", "Délib. 2026-014")),
            Gift(donor: "Grand Poitiers", kind: .intercommunalite, amount: "5 000", on: "2026-01-15"),
            Gift(donor: "Saint-Calais", kind: .commune, amount: "1 000", on: "2026-01-22"),
            Gift(donor: "Le Havre", kind: .commune, amount: "4 000", on: "2026-01-27"),
            Gift(donor: "Liffré", kind: .commune, amount: "1 000", on: "2026-01-29"),
        ],
        projects: [],
        thanks: Thanks(
            thanked: .pledgers,
            template: "CUF souhaite d'ores et déjà remercier les collectivités qui ont confirmé leur intérêt à participer à cette initiative, ainsi que la confiance qu'elles nous accordent : {names}.",
            order: .firstCommitment, bold: true))

    static let all = [gaza, turquie, maroc, vietnam]
}

extension DemoFigures {
    /// The association whose documents the demo follows.
    static let organisation = "Cités Unies France"

    /// An illustrative SIREN (nine digits that pass the Luhn check; not the association's).
    static let siren = "123456782"

    /// A plain mark for the demo (not the association's logo): a blue disc with its initials.
    static let logo = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 48" width="120" height="48">
        <title>Logo de démonstration</title>
        <circle cx="24" cy="24" r="22" fill="#1b4f72"/>
        <text x="24" y="30" text-anchor="middle" font-family="Arial, sans-serif" font-size="15" font-weight="bold" fill="#ffffff">CUF</text>
        <text x="54" y="30" font-family="Arial, sans-serif" font-size="13" fill="#1b4f72">solidarité</text>
        </svg>
        """
}
