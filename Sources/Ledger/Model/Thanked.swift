import Postgres

/// Whom a thanks paragraph thanks: each fund keeps one sentence for each.
public enum Thanked: String, Sendable, Codable, CaseIterable, PostgresDecodable {
    /// The collectivités that gave (contributions not reversed).
    case contributors
    /// The collectivités that said they intend to give (pledges not cancelled).
    case pledgers
}
