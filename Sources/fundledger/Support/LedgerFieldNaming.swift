import ArgumentParser
import Ledger

/// The ledger names the fields it refuses as its parameters are called (`donor`, `reference`,
/// `idempotencyKey`); the command line says the option the person typed. By default a field is
/// the option of the same name in kebab case (`idempotencyKey` → `--idempotency-key`); a command
/// whose positional argument or option is named otherwise says so in `ledgerFields`.
protocol LedgerFieldNaming {
    /// Ledger field → what the command line calls it, e.g. `["name": "name"]` for a positional argument.
    static var ledgerFields: [String: String] { get }
}

enum LedgerFields {
    /// `error` with its field as `command` calls it; other errors as they are.
    static func naming(_ error: any Error, for command: any ParsableCommand) -> any Error {
        guard var input = error as? InputError, !input.field.isEmpty, !input.field.hasPrefix("-") else { return error }
        let overrides = (type(of: command) as? any LedgerFieldNaming.Type)?.ledgerFields ?? [:]
        input.field = overrides[input.field] ?? "--" + kebab(input.field)
        return input
    }

    /// `idempotencyKey` → `idempotency-key`.
    static func kebab(_ field: String) -> String {
        var out = ""
        for character in field {
            if character.isUppercase {
                out += "-" + character.lowercased()
            } else {
                out.append(character)
            }
        }
        return out
    }
}
