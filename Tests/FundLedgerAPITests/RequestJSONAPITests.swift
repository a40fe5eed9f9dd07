import Foundation
import HTTPTypes
import Ledger
import Testing

/// What `scripts/fuzz` found in the decoding of request bodies (`RequestJSON`), as the HTTP
/// service answers it: 400 naming the field, nothing written.
@Suite struct RequestJSONAPITests {
    @Test func aKeyGivenTwiceOrABodyThatIsNotJSONIsRefused() async throws {
        try await APIServer.with { api in
            try api.seed { store in
                _ = try store.openFund(code: "GAZA", name: "Fonds Gaza", audience: nil, openedOn: try day("2023-10-20"))
                _ = try store.addDonor(name: "Bondy")
            }
            let before = try api.snapshot()
            // JSONDecoder would record 1,00 €; the client's library (last key wins) meant 1 000 000,00 €.
            expectProblem(try await api.post("/v1/contributions",
                                             #"{"fund": "GAZA", "donor": "Bondy", "amount_cents": 100, "amount_cents": 100000000}"#),
                          .badRequest, field: "amount_cents")
            // Not JSON, although JSONDecoder skips the bad escape of a key it does not read.
            expectProblem(try await api.post("/v1/contributions",
                                             #"{"fund": "GAZA", "donor": "Bondy", "amount_cents": 100, "note": "\u12,"}"#),
                          .badRequest, field: nil)
            expectProblem(try await api.post("/v1/disbursements", #"{"project_id": 1, "project_id": 2, "amount_cents": 1}"#),
                          .badRequest, field: "project_id")
            // JSONDecoder alone would read the project 9007199254740993.
            expectProblem(try await api.post("/v1/disbursements", #"{"project_id": 9007199254740993.5, "amount_cents": 1}"#),
                          .badRequest, field: "project_id")
            #expect(try api.snapshot() == before)
        }
    }
}
