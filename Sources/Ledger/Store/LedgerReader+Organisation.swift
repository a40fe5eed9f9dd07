import Postgres

extension LedgerReader {
    /// The organisation's settings; `.none` before any is set.
    public func organisationSettings() throws -> OrganisationSettings {
        let rows: [OrganisationSettings] = try queries.read(PostgresQuery(
            sql: "SELECT \(OrganisationSettings.columns) FROM organisation_settings s"))
        return rows.first ?? .none
    }
}
