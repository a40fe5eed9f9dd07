import Postgres

/// The order of the names in a thanks paragraph.
public enum ThanksOrder: String, Sendable, Codable, CaseIterable, PostgresDecodable {
    /// As a French dictionary sorts (accents and case do not change the order at first): the
    /// newsletter's Gaza list.
    case alphabetical
    /// In the order each collectivité came forward: its first pledge or receipt on the fund (the
    /// newsletter's Vietnam list). Ties on one day keep the order they were recorded in.
    case firstCommitment = "first-commitment"
}
