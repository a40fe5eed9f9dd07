/// One refused line of an imported file, in the `lines` extension member of a 422
/// problem+json: where (the physical line where the record starts, the column as the file's
/// header names it), the text found, why, and existing names close to an unknown one.
public struct ProblemLine: Encodable, Sendable, Equatable {
    public var line: Int
    public var column: String?
    public var value: String?
    public var reason: String
    public var suggestions: [String]?
}
