/// A report that cannot be produced as asked (bad period, inconsistent aggregates, unwritable file).
public struct ReportError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
