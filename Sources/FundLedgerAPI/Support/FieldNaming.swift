import Ledger

/// The ledger names the fields it refuses as its parameters or columns are called
/// (`idempotencyKey`, `receivedOn`, the funds table's `code`); the client reads the names of
/// its JSON body. By default a field becomes snake_case (`receivedOn` → `received_on`), the
/// idempotency key its header; a route whose body names a field otherwise says so.
///
///     try await renamingFields(["code": "fund"]) { try await service.write(…) }
///
/// An id that names no row is refused by the table it was looked for in (`unknown project 12`,
/// table `projects`) without a column: `tables` says which field of the body held it.
func renamingFields<T>(_ names: [String: String], tables: [String: String] = [:],
                       _ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch var error as InputError {
        error.field = names[error.field] ?? APIFieldName.of(error.field)
        throw error
    } catch var error as LedgerError {
        error.field = error.field.map { names[$0] ?? APIFieldName.of($0) }
            ?? error.table.flatMap { tables[$0] } ?? error.constraint.flatMap { APIFieldName.constraints[$0] }
        throw error
    }
}

enum APIFieldName {
    /// The field a check constraint holds, since PostgreSQL names no column for a check.
    static let constraints = [
        "donor_siren_format": "siren", "partner_country_format": "country", "fund_code_format": "code",
    ]

    /// `receivedOn` → `received_on`; `idempotencyKey` → `Idempotency-Key` (a header).
    static func of(_ field: String) -> String {
        if field == "idempotencyKey" || field == "idempotency_key" { return "Idempotency-Key" }
        var out = ""
        for character in field {
            if character.isUppercase { out += "_" + character.lowercased() } else { out.append(character) }
        }
        return out
    }
}
