/// Migrations whose text was rewritten on purpose after databases had applied them, with the
/// checksums those databases recorded. Such a database is accepted and its record updated: what
/// the old text created either is still created by the new text, or moved to a re-applied file
/// (`sql/functions/`, `sql/views/`, `sql/grants.sql`), or is dropped by a later migration.
///
/// Issue 9 moved every function, trigger, view and grant out of 0001–0006 (the texts before are
/// kept in `Tests/LedgerTests/Fixtures/migrations-before-issue-9/`; a test migrates them forward).
enum RewrittenMigrations {
    static let formerChecksums: [String: Set<String>] = [
        "0001_ledger.sql": ["8ab5872879cb298c254e8ec7d1e316dc53b04ed1ad97a616d853bb8f1ffd9444"],
        "0002_business_events.sql": ["5a57c3afa1de2fe38352e77b088b913784c488ef80a465c36e7a27498d038a1c"],
        "0003_read_models.sql": ["2a123ffbddab96c35e91b2f30d60ad75aaa32a40f2b44e478926e059e5156a09"],
        "0004_roles.sql": ["1015a052bbd54ae7228dadaa94c56de008094d51b193c5f4911ba793c85742aa"],
        "0005_reports.sql": ["3f17135832579f8f578aeffc627d2add1c4db45611af33521e2835d0723afa94"],
        "0006_import.sql": ["b49f6c2d12fdef626d8cdf233d641a065e895753a81de9bbc02025bede4c8b68"],
    ]

    static func accepts(_ recordedChecksum: String, for migration: String) -> Bool {
        formerChecksums[migration]?.contains(recordedChecksum) ?? false
    }
}
