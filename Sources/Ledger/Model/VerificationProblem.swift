import Postgres

/// One difference `verify` found between what is cached or required and what postings say.
public struct VerificationProblem: Sendable, Codable, Equatable, CustomStringConvertible, RowDecodable {
    public var problem: String
    public var subject: String
    public var expected: String
    public var actual: String

    init(row: PostgresRow) throws {
        problem = try row.decode("problem")
        subject = try row.decode("subject")
        expected = try row.decode("expected")
        actual = try row.decode("actual")
    }

    public var description: String { "\(problem): \(subject) (expected \(expected), found \(actual))" }
}
