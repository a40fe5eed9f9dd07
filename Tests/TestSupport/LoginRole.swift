import Foundation
import Postgres

extension TestDatabase {
    /// A URL reaching this database as a login role granted `role` (`fundledger_writer` or
    /// `fundledger_reader`), as production connects: never the schema's owner. One login role per
    /// database and granted role, created on first use (trust authentication on the test
    /// cluster's socket).
    public func loginURL(granted role: String) throws -> String {
        try LoginRoles.shared.url(for: self, granted: role)
    }

    /// A connection as a login role granted `role`.
    public func connect(granted role: String) throws -> PostgresConnection {
        try PostgresConnection(conninfo: loginURL(granted: role))
    }
}

final class LoginRoles: @unchecked Sendable {
    static let shared = LoginRoles()
    private let lock = NSLock()
    private var urls: [String: String] = [:]

    func url(for database: TestDatabase, granted role: String) throws -> String {
        let key = database.name + "/" + role
        if let known = lock.withLock({ urls[key] }) { return known }
        let login = "\(database.name)_\(role.replacingOccurrences(of: "fundledger_", with: ""))"
        let owner = try database.connect()
        defer { owner.close() }
        try owner.execute(script: "CREATE ROLE \(login) LOGIN IN ROLE \(role)")
        let url = database.url.contains("user=")
            ? database.url.replacingOccurrences(of: #"user=[^&\s]+"#, with: "user=\(login)", options: .regularExpression)
            : database.url + " user=\(login)"
        lock.withLock { urls[key] = url }
        return url
    }
}
