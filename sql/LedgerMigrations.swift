import Foundation

/// The SQL migrations of `sql/migrations/`, shipped with the binary as resources.
public enum LedgerMigrationFiles {
    /// Each migration's file name (`0001_ledger.sql`) and SQL text, in file-name order.
    public static func all() throws -> [(name: String, sql: String)] {
        guard let folder = Bundle.module.url(forResource: "migrations", withExtension: nil) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "migrations folder missing from the bundle"])
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".sql") }
            .sorted()
        return try names.map { name in
            (name, try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8))
        }
    }
}
