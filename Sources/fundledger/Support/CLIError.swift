/// A refusal decided by the command line itself (not by the parser or the ledger).
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
