import ArgumentParser

struct PledgeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pledge",
        abstract: "Record, list, cancel and write off pledges (promises voted by a council), and intentions.",
        subcommands: [PledgeAddCommand.self, PledgeListCommand.self, PledgeCancelCommand.self,
                      PledgeWriteOffCommand.self, PledgeConfirmCommand.self, PledgeIntentsCommand.self])
}
