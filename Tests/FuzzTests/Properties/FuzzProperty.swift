/// The property checks the fuzz targets (`Tests/Fuzz`, run by `scripts/fuzz`) and the corpus
/// replay (`FuzzCorpusTests`, run by `swift test`) share, so that an input libFuzzer found is
/// checked the same way forever after.
///
/// Each check takes the input's bytes and returns the properties it broke, in words (empty when
/// it holds them all). A check never traps on its own: a crash is the code under test's.
enum FuzzTarget: String, CaseIterable, Sendable {
    /// `MoneyParser.parse`, and the import's fast path `LineParser.plainCents`.
    case amount
    /// `DateParser.parse` and `CalendarDate`.
    case date
    /// `CSVReader` (bytes of a file) and `ImportHeader` / `LineParser` over its records.
    case csv
    /// `RequestJSON.decode` of `NewContribution` and `NewDisbursement`, then the API's checks.
    case jsonBody = "json-body"

    func violations(_ bytes: [UInt8]) -> [String] {
        switch self {
        case .amount: AmountProperties.violations(bytes)
        case .date: DateProperties.violations(bytes)
        case .csv: CSVProperties.violations(bytes)
        case .jsonBody: JSONBodyProperties.violations(bytes)
        }
    }
}

extension String {
    /// The text with every non-printable-ASCII scalar escaped, for a one-line report.
    var fuzzEscaped: String {
        var out = ""
        for scalar in unicodeScalars {
            if scalar.value >= 0x20 && scalar.value < 0x7F && scalar != "\\" {
                out.unicodeScalars.append(scalar)
            } else {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            }
        }
        return out.count > 300 ? String(out.prefix(300)) + "…" : out
    }
}
