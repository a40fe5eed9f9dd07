import Foundation
import Ledger
import Postgres
import TestSupport
import Testing

/// `fundledger user add|list|disable`, run as the built binary against a test database as a
/// writer login; the password comes on standard input (not a terminal). Each test ends with
/// verify_ledger (TestDatabase.with).
@Suite struct UserCommandTests {
    @Test func addStoresABcryptHashListShowsTheUserAndDisableEndsItsSessions() throws {
        try TestDatabase.with { database in
            var cli = CLI(database: database)
            cli.input = "un mot de passe solide\n"
            let added = try cli.ok("user", "add", "--email", "Ana@Example.org", "--role", "clerk")
            // Printed in French typography (no-break spaces inside « », before ;).
            #expect(added == FrenchTypography.apply("Utilisateur « ana@example.org » ajouté (rôle clerk).") + "\n")
            let owner = try database.connect()
            defer { owner.close() }
            let hash = try owner.query("SELECT password_hash FROM staff_users").single().decode("password_hash", as: String.self)
            #expect(hash.hasPrefix("$2"))
            #expect(!hash.contains("solide"))

            cli.input = nil
            let listed = try cli.ok("user", "list")
            #expect(listed.contains("ana@example.org"))
            #expect(listed.contains("clerk"))
            #expect(!listed.contains(hash))

            let store = StaffUserStore(connection: owner, actor: "test")
            let signedIn = try store.signIn(email: "ana@example.org", passwordOK: true,
                                            tokenSHA256: String(repeating: "b", count: 64))
            guard case .signedIn = signedIn else { Issue.record("no session: \(signedIn)"); return }
            #expect(try store.session(tokenSHA256: String(repeating: "b", count: 64)) != nil)

            let disabled = try cli.ok("user", "disable", "--email", "ana@example.org")
            #expect(disabled == FrenchTypography.apply("Utilisateur « ana@example.org » désactivé ; ses sessions sont fermées.") + "\n")
            #expect(try store.session(tokenSHA256: String(repeating: "b", count: 64)) == nil)
            #expect(try owner.query("SELECT count(*) AS n FROM staff_sessions WHERE revoked_at IS NULL").single()
                .decode("n", as: Int64.self) == 0)
            let again = try cli.run("user", "disable", "--email", "ana@example.org")
            #expect(again.status == 66)
            #expect(again.errorLines.count == 1)
        }
    }

    @Test func aShortPasswordAnUnknownRoleAndAKnownEmailAreRefused() throws {
        try TestDatabase.with { database in
            var cli = CLI(database: database)
            cli.input = "court\n"
            let short = try cli.run("user", "add", "--email", "ana@example.org", "--role", "clerk")
            #expect(short.status == 65)
            #expect(short.stderr.contains("au moins 10 caractères"))
            cli.input = "un mot de passe solide\n"
            #expect(try cli.run("user", "add", "--email", "ana@example.org", "--role", "boss").status == 64)
            #expect(try cli.run("user", "add", "--email", "pas-une-adresse", "--role", "clerk").status == 65)
            try cli.ok("user", "add", "--email", "ana@example.org", "--role", "reader")
            let twice = try cli.run("user", "add", "--email", "ANA@example.org", "--role", "admin")
            #expect(twice.status == 73)
            #expect(twice.errorLines.count == 1)
            let owner = try database.connect()
            defer { owner.close() }
            #expect(try StaffUserStore(connection: owner, actor: "test").list().map(\.role) == [.reader])
        }
    }
}
