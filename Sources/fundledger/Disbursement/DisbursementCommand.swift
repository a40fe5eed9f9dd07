import ArgumentParser

struct DisbursementCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disbursement",
        abstract: "Record payments of the fund to partners.",
        subcommands: [DisbursementAddCommand.self])
}
