import ArgumentParser

struct DisbursementCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disbursement",
        abstract: "Record and list payments of the fund to partners.",
        subcommands: [DisbursementAddCommand.self, DisbursementListCommand.self])
}
