import Ledger
import Postgres
import Testing
import TestSupport

/// The ledger cleans the text it is given, whoever calls it: the same rule and the same message
/// for the command line, the import and the HTTP server.
@Suite("Input normalisation in the ledger")
struct InputNormalisationTests {
    @Test func trimsAndFindsNamesGivenWithSpaces() throws {
        try TestDatabase.with { database in
            let fixture = try Fixture(try database.store())
            let store = fixture.store
            let contribution = try store.recordContribution(donor: " Bondy ", fund: " gaza\u{00A0}", amount: Money(cents: 500),
                                                            on: Fixture.day, reference: "  VIR-9 ")
            #expect(contribution.donor == "Bondy")
            #expect(contribution.fund == "GAZA")
            #expect(contribution.reference == "VIR-9")
            #expect(try store.reader.donor(named: " Bondy ").name == "Bondy")
            #expect(try store.reader.contributions(fund: "GAZA ", donor: "\tbondy").count == 2)
            let donor = try store.addDonor(name: "  Liffre\u{0301}-le-Bas ")
            #expect(donor.name == "Liffré-le-Bas")  // trimmed and NFC
            #expect(try store.openFund(code: " maroc ", name: "Fonds Maroc", audience: nil, openedOn: Fixture.day).code == "MAROC")
        }
    }

    static let badNames: [(String, String)] = [
        ("Saint\u{200B}Calais", "invisible"),
        ("Rennes\u{202E}", "invisible"),
        ("Saint\u{2028}Calais", "line breaks"),
        ("Saint\u{0007}Calais", "control"),
        ("   ", "empty"),
        (String(repeating: "a", count: 10_000), "at most 500 characters"),
        ("=HYPERLINK(\"https://example.org\",\"Bondy\")", "formula"),
        ("+33 Commune", "formula"),
        ("-Commune", "formula"),
        ("@Commune", "formula"),
    ]

    @Test(arguments: badNames)
    func refusesABadDonorNameAndWritesNothing(name: String, reason: String) throws {
        try TestDatabase.with { database in
            let fixture = try Fixture(try database.store())
            let before = try ledgerSnapshot(database.connect())
            expectInputRefusal(field: "name", reason: reason) { _ = try fixture.store.addDonor(name: name) }
            expectInputRefusal(field: "name", reason: reason) { _ = try fixture.store.addPartner(name: name) }
            expectInputRefusal(field: "title", reason: reason) {
                _ = try fixture.store.addProject(fund: "GAZA", partner: "Super Novae", title: name)
            }
            expectInputRefusal(field: "title", reason: reason) {
                _ = try fixture.store.addMilestone(project: fixture.project.id, title: name, dueOn: Fixture.day)
            }
            expectInputRefusal(field: "name", reason: reason) {
                _ = try fixture.store.openFund(code: "MAROC", name: name, audience: nil, openedOn: Fixture.day)
            }
            #expect(try ledgerSnapshot(database.connect()) == before)
        }
    }

    @Test func refusesBadReferencesReasonsAndKeysNamingTheField() throws {
        try TestDatabase.with { database in
            let fixture = try Fixture(try database.store())
            let store = fixture.store
            let before = try ledgerSnapshot(database.connect())
            let amount = Money(cents: 100)
            expectInputRefusal(field: "reference", reason: "formula") {
                _ = try store.recordContribution(donor: "Bondy", fund: "GAZA", amount: amount, on: Fixture.day,
                                                 reference: "=1+1")
            }
            expectInputRefusal(field: "reference", reason: "at most 500 characters") {
                _ = try store.recordPledge(donor: "Bondy", fund: "GAZA", amount: amount, on: Fixture.day,
                                           reference: String(repeating: "R", count: 501))
            }
            expectInputRefusal(field: "reference", reason: "invisible") {
                _ = try store.recordDisbursement(project: fixture.project.id, amount: amount, on: Fixture.day,
                                                 reference: "VIR\u{200B}1")
            }
            expectInputRefusal(field: "donor", reason: "control") {
                _ = try store.recordContribution(donor: "Bon\u{0000}dy", fund: "GAZA", amount: amount, on: Fixture.day)
            }
            expectInputRefusal(field: "fund", reason: "at most 500 characters") {
                _ = try store.recordContribution(donor: "Bondy", fund: String(repeating: "G", count: 10_000),
                                                 amount: amount, on: Fixture.day)
            }
            expectInputRefusal(field: "reason", reason: "at most 500 characters") {
                _ = try store.reverseEntry(1, reason: String(repeating: "x", count: 501), on: Fixture.day)
            }
            expectInputRefusal(field: "reason", reason: "empty") {
                _ = try store.reverseEntry(1, reason: " ", on: Fixture.day)
            }
            expectInputRefusal(field: "idempotencyKey", reason: "invisible") {
                _ = try store.addDonor(name: "Rennes", idempotencyKey: "key\u{FEFF}")
            }
            for code in ["G", "1GAZA", "GA ZA", "GAZA!", "GAZ\u{00C9}", String(repeating: "G", count: 31)] {
                expectInputRefusal(field: "code", reason: "fund code") {
                    _ = try store.openFund(code: code, name: "Fonds", audience: nil, openedOn: Fixture.day)
                }
            }
            #expect(try ledgerSnapshot(database.connect()) == before)
        }
    }

    @Test func limitsAreInclusive() throws {
        #expect(try NameInput.name(String(repeating: "a", count: 500), field: "name").count == 500)
        #expect(throws: InputError.self) { try NameInput.name(String(repeating: "a", count: 501), field: "name") }
        #expect(try NameInput.reference(String(repeating: "r", count: 500))?.count == 500)
        #expect(throws: InputError.self) { try NameInput.reference(String(repeating: "r", count: 501)) }
        #expect(try NameInput.text(String(repeating: "t", count: 500), field: "reason")?.count == 500)
        #expect(try NameInput.fundCode("vietnam_2-b") == "VIETNAM_2-B")
        #expect(try NameInput.name("Saint-Calais", field: "name") == "Saint-Calais")  // a hyphen inside is fine
        #expect(try NameInput.reference(nil) == nil)
        #expect(try NameInput.reference("  ") == nil)
    }

    /// Expects `body` to throw an `InputError` naming `field` with a reason containing `reason`.
    func expectInputRefusal(field: String, reason: String, sourceLocation: SourceLocation = #_sourceLocation,
                            _ body: () throws -> Void) {
        do {
            try body()
            Issue.record("accepted", sourceLocation: sourceLocation)
        } catch let error as InputError {
            #expect(error.field == field, "\(error)", sourceLocation: sourceLocation)
            #expect(error.reason.contains(reason), "\(error)", sourceLocation: sourceLocation)
            #expect(error.description.count < 300, "message too long: \(error)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
        }
    }
}
