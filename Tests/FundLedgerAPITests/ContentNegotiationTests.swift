@testable import FundLedgerAPI
import Testing

/// The choice of a report's representation from `Accept`, without a server.
@Suite struct ContentNegotiationTests {
    let offered = ReportFormat.reports

    func choose(_ accept: String?) throws -> ReportFormat {
        try ContentNegotiation.choose(accept, offered: offered)
    }

    @Test func absentOrAnyIsJSON() throws {
        #expect(try choose(nil) == .json)
        #expect(try choose("") == .json)
        #expect(try choose("*/*") == .json)
        #expect(try choose("application/*") == .json)
    }

    @Test func exactTypesAndTheirParameters() throws {
        #expect(try choose("text/csv") == .csv)
        #expect(try choose("TEXT/HTML; charset=utf-8") == .html)
        #expect(try choose("text/markdown") == .markdown)
        #expect(try choose("application/json") == .json)
    }

    @Test func qValuesAreHonoured() throws {
        #expect(try choose("text/csv;q=0.5, text/html") == .html)
        #expect(try choose("text/html;q=0.2, text/csv;q=0.9, */*;q=0.1") == .csv)
        #expect(try choose("application/json;q=0, */*") == .markdown)  // refused, then the route's order
        #expect(try choose("text/*;q=0.3, text/csv;q=0.8") == .csv)
        #expect(try choose("text/*, text/markdown;q=0") == .html)  // the most specific range decides
    }

    @Test func nothingAcceptableIs406ListingTheOffer() throws {
        for accept in ["image/png", "text/csv;q=0", "application/xml, text/plain", "garbage"] {
            do {
                _ = try choose(accept)
                Issue.record("\(accept) was accepted")
            } catch let problem as Problem {
                #expect(problem.status == .notAcceptable)
                for format in offered { #expect(problem.detail.contains(format.mediaType)) }
            }
        }
    }
}
