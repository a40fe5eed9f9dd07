import Foundation

/// A refusal decided by the command line itself (not by the parser or the ledger).
struct CLIError: Error, CustomStringConvertible {
    var description: String
    /// The process's exit status for it: 1 unless it stands for a ledger refusal of some kind.
    var exitCode: Int32
    init(_ description: String, exitCode: Int32 = EXIT_FAILURE) {
        self.description = description
        self.exitCode = exitCode
    }
}
