import ArgumentParser
import Ledger

struct ProjectDescribeCommand: ParsableCommand, LedgerFieldNaming {
    static let ledgerFields = ["description": "--description", "beneficiaries": "--beneficiaries"]

    static let configuration = CommandConfiguration(
        commandName: "describe",
        abstract: "Say what a project does and whom it reaches, for the quarterly report's narrative.",
        discussion: """
            Example:
              fundledger project describe 1 --description "Distribution d'eau potable dans le nord de Gaza" \
            --beneficiaries "environ 3 000 personnes"
            An option left out clears that text.
            """)

    @Argument(help: "Project number (fundledger project list).") var project: Int64
    @Option(help: "What the project does, in a sentence.") var description: String?
    @Option(help: "Whom it reaches, e.g. \"environ 3 000 personnes\".") var beneficiaries: String?
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let described = try connection.store().describeProject(project, description: description,
                                                                 beneficiaries: beneficiaries)
        Output.line("Projet n° \(described.id) « \(described.title) »\u{00A0}: "
            + (description == nil && beneficiaries == nil ? "description effacée." : "description enregistrée."))
    }
}
