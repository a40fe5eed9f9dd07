import FundLedgerWeb
import Hummingbird
import Ledger
import Postgres
import Testing

/// Sign-in, lock-out, sign-out and disable, through the real server. Each test ends with
/// verify_ledger (WebServer.with).
@Suite(.serialized) struct SignInTests {
    @Test func aGoodPasswordOpensASessionWhoseCookieIsHttpOnlyLaxAndScopedToApp() async throws {
        try await WebServer.with { server in
            var browser = server.browser()
            #expect(try await browser.get("/app").location == "/app/connexion")
            let answer = try await browser.signIn(email: WebServer.email(.clerk), password: WebServer.password)
            #expect(answer.status == .seeOther)
            #expect(answer.location == "/app")
            let cookie = try #require(answer.setCookies.first { $0.hasPrefix("fl_session=") })
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(cookie.contains("Path=/app"))
            #expect(!cookie.contains("Secure"))  // plain HTTP on loopback, no proxy trusted
            let dashboard = try await browser.get("/app")
            #expect(dashboard.status == .ok)
            #expect(dashboard.body.contains("clerk@example.org"))
            // Only the token's digest is in the database.
            let token = try #require(browser.cookies["fl_session"])
            #expect(try server.count("SELECT count(*) AS n FROM staff_sessions WHERE token_sha256 = \(token)") == 0)
            #expect(try server.count("SELECT count(*) AS n FROM staff_sessions") == 1)
        }
    }

    @Test func aWrongPasswordOrAnUnknownEmailIsRefusedAlikeAndKeepsTheEmail() async throws {
        try await WebServer.with { server in
            var browser = server.browser()
            let wrong = try await browser.signIn(email: WebServer.email(.clerk), password: "pas le bon mot")
            let unknown = try await browser.signIn(email: "personne@example.org", password: WebServer.password)
            // An address no user can have is refused the same way, not as a database failure.
            let garbled = try await browser.signIn(email: "clerk\u{07}@example.org\u{0}", password: WebServer.password)
            let huge = try await browser.signIn(email: String(repeating: "a", count: 300) + "@example.org",
                                                password: WebServer.password)
            for answer in [wrong, unknown, garbled, huge] {
                #expect(answer.status == .unauthorized)
                #expect(answer.body.contains("Adresse ou mot de passe incorrect."))
                #expect(!answer.setCookies.contains { $0.hasPrefix("fl_session=") })
            }
            #expect(wrong.value(ofInput: "email") == "clerk@example.org")
            #expect(try server.count("SELECT count(*) AS n FROM staff_sessions") == 0)
        }
    }

    @Test func fiveFailuresLockTheAccountEvenForTheRightPassword() async throws {
        try await WebServer.with { server in
            var browser = server.browser()
            for attempt in 1...5 {
                let answer = try await browser.signIn(email: WebServer.email(.admin), password: "faux \(attempt) essai")
                #expect(answer.status == (attempt < 5 ? .unauthorized : .tooManyRequests))
            }
            let locked = try await browser.signIn(email: WebServer.email(.admin), password: WebServer.password)
            #expect(locked.status == .tooManyRequests)
            #expect(locked.body.contains("verrouillé jusqu’à"))
            #expect(try server.count("SELECT count(*) AS n FROM staff_sessions") == 0)
            // Enforced by the database, whatever the service says: staff_sign_in refuses a locked
            // user even when told the password was right.
            let outcome = try server.owner { connection in
                try StaffUserStore(connection: connection, actor: "test")
                    .signIn(email: WebServer.email(.admin), passwordOK: true, tokenSHA256: String(repeating: "a", count: 64))
            }
            guard case .locked = outcome else { Issue.record("not locked: \(outcome)"); return }
            // Once the lock has passed, the right password opens again.
            try server.owner { try $0.execute(script: "UPDATE staff_users SET locked_until = now() - interval '1 second'") }
            #expect(try await browser.signIn(email: WebServer.email(.admin), password: WebServer.password).status == .seeOther)
        }
    }

    @Test func signOutEndsTheSessionInTheDatabase() async throws {
        try await WebServer.with { server in
            var browser = try await server.signedIn(.reader)
            let stolen = browser.cookies  // a copy of the cookie, kept by someone else
            let page = try await browser.get("/app")
            let answer = try await browser.post("/app/deconnexion", ["csrf": page.hidden("csrf") ?? ""])
            #expect(answer.status == .seeOther)
            #expect(answer.location == "/app/connexion")
            #expect(browser.cookies["fl_session"] == nil)
            var thief = server.browser()
            thief.cookies = stolen
            #expect(try await thief.get("/app").location == "/app/connexion")
            #expect(try server.count("SELECT count(*) AS n FROM staff_sessions WHERE revoked_at IS NOT NULL") == 1)
        }
    }

    @Test func anExpiredSessionOpensNothing() async throws {
        try await WebServer.with { server in
            var browser = try await server.signedIn(.reader)
            #expect(try await browser.get("/app").status == .ok)
            try server.owner { try $0.execute(script: """
                UPDATE staff_sessions SET created_at = now() - interval '13 hours', expires_at = now() - interval '1 hour'
                """) }
            #expect(try await browser.get("/app").location == "/app/connexion")
        }
    }

    @Test func disablingAUserEndsItsSessionsAndItsSignIns() async throws {
        try await WebServer.with { server in
            var browser = try await server.signedIn(.clerk)
            #expect(try await browser.get("/app").status == .ok)
            _ = try server.owner { connection in
                try StaffUserStore(connection: connection, actor: "test").disable(email: "Clerk@Example.org")
            }
            #expect(try await browser.get("/app").location == "/app/connexion")
            var again = server.browser()
            #expect(try await again.signIn(email: WebServer.email(.clerk), password: WebServer.password).status == .unauthorized)
        }
    }

    @Test func theStaffTablesAreReadOnlyThroughTheirFunctions() async throws {
        try await WebServer.with { server in
            for role in ["fundledger_writer", "fundledger_reader"] {
                let connection = try server.database.connect(granted: role)
                defer { connection.close() }
                for table in ["staff_users", "staff_sessions"] {
                    #expect(throws: PostgresError.self) { try connection.execute(script: "SELECT * FROM \(table)") }
                }
            }
            let reader = try server.database.connect(granted: "fundledger_reader")
            defer { reader.close() }
            // The hash is the writer's (the service's) only; the listing has no hash.
            #expect(throws: PostgresError.self) { try reader.query("SELECT * FROM staff_password_hash('admin@example.org')") }
            #expect(try StaffUserStore(connection: reader, actor: "test").list().count == 3)
        }
    }
}
