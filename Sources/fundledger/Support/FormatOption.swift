import ArgumentParser
import Foundation
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

    static func line(_ text: String) {
        write(text + "\n")
    }
}
