import Foundation

/// The SQL of `sql/`, shipped with the binary as resources.
///
/// - `migrations/NNNN_*.sql`: tables, indexes, constraints and data, applied once each, in order.
/// - `functions/*.sql`, then `views/*.sql`, then `grants.sql`: the business events, the rules and
///   the read models, re-applied whenever their text changes (`Migrator`).
public enum LedgerMigrationFiles {
    /// One SQL file: its path under `sql/` (`functions/record_contribution.sql`) and its text.
    public typealias File = (name: String, sql: String)

    /// The numbered migrations (`0001_ledger.sql`, …), in file-name order.
    public static func all() throws -> [File] {
        try files(in: "migrations").map { (name: $0.name, sql: $0.sql) }
    }

    /// The re-applied definitions, in the order they must run: functions (name order; their
    /// bodies are checked when called, so they may use one another), views (name order, after
    /// the views a file names on a `-- requires: a, b` first line), then `grants.sql`.
    public static func definitions() throws -> [File] {
        let functions = try files(in: "functions").map { (name: "functions/" + $0.name, sql: $0.sql) }
        let views = try orderedByRequirements(try files(in: "views")).map { (name: "views/" + $0.name, sql: $0.sql) }
        guard let grants = Bundle.module.url(forResource: "grants", withExtension: "sql") else {
            throw missing("grants.sql")
        }
        return functions + views + [(name: "grants.sql", sql: try String(contentsOf: grants, encoding: .utf8))]
    }

    private static func files(in folderName: String) throws -> [File] {
        guard let folder = Bundle.module.url(forResource: folderName, withExtension: nil) else {
            throw missing(folderName)
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".sql") }
            .sorted()
        return try names.map { name in
            (name, try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8))
        }
    }

    /// Name order, except that a file comes after those its `-- requires:` line names.
    static func orderedByRequirements(_ files: [File]) throws -> [File] {
        let byStem = Dictionary(uniqueKeysWithValues: files.map { (String($0.name.dropLast(4)), $0) })
        var ordered: [File] = []
        var placed: Set<String> = []
        var visiting: Set<String> = []
        func place(_ stem: String, for dependent: String) throws {
            if placed.contains(stem) { return }
            guard let file = byStem[stem] else { throw missing("\(stem).sql (required by \(dependent))") }
            guard visiting.insert(stem).inserted else { throw missing("an order for \(stem).sql: its requirements form a cycle") }
            for requirement in requirements(of: file.sql) { try place(requirement, for: file.name) }
            ordered.append(file)
            placed.insert(stem)
        }
        for file in files { try place(String(file.name.dropLast(4)), for: file.name) }
        return ordered
    }

    private static func requirements(of sql: String) -> [String] {
        guard let first = sql.split(separator: "\n", maxSplits: 1).first, first.hasPrefix("-- requires:") else { return [] }
        return first.dropFirst("-- requires:".count).split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    private static func missing(_ what: String) -> CocoaError {
        CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "SQL resources: cannot find \(what)"])
    }
}
