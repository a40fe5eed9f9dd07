import Testing
@testable import Import

@Suite("CSV reader")
struct CSVReaderTests {}
