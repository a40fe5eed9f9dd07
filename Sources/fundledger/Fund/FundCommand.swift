import ArgumentParser

struct FundCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fund",
        abstract: "Open, list, show, settle and close solidarity funds.",
        subcommands: [FundAddCommand.self, FundListCommand.self, FundShowCommand.self,
                      FundCloseCommand.self, FundSetStatusCommand.self, FundSetThanksCommand.self,
                      FundReallocateCommand.self, FundRefundCommand.self, FundSettlementsCommand.self])
}
