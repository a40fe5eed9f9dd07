import ArgumentParser
import Foundation
import Ledger
import Reports

extension OutputFormat: ExpressibleByArgument {}

/// `--format table|csv|json|markdown`, taken by every listing.
struct FormatOption: ParsableArguments {
    @Option(help: ArgumentHelp("Output format: table (French amounts and dates), csv or json (plain 1234.56 amounts, ISO dates), markdown.",
                               valueName: "format"))
    var format: OutputFormat = .table

    func print(_ table: Table) {
        Output.write(TableRenderer.render(table, as: format))
    }
}

enum Output {
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// A line for people, in French typography (`FrenchTypography`: no-break spaces before
    /// `: ; ! ?`, typographic apostrophes). Machine formats go through `write`, untouched.
    static func line(_ text: String) {
        write(FrenchTypography.apply(text) + "\n")
    }
}
