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
        let overrides = (type(of: command) as? any LedgerFieldNaming.Type)?.ledgerFields ?? [:]
        // A refusal of the ledger's state about a column the command fills from an option (a
        // date ahead, before the fund opened, in a closed period: `value_date`, typed as `--on`)
        // says which option, as an input refusal does.
        if var refusal = error as? LedgerError, let field = refusal.field,
           let option = overrides[field] ?? stateFields[field].flatMap({ has(command, $0) ? $0 : nil }),
           !refusal.message.contains(option) {
            refusal.message = "\(option): \(refusal.message)"
            return refusal
        }
        guard var input = error as? InputError, !input.field.isEmpty, !input.field.hasPrefix("-") else { return error }
        input.field = overrides[input.field] ?? "--" + kebab(input.field)
        return input
    }

    /// Columns the ledger's state refusals name → the option the commands that write them have.
    static let stateFields = ["value_date": "--on"]

    /// Whether `command` has the option `--name` (its property `name`, wrapped: `_name`).
    static func has(_ command: any ParsableCommand, _ option: String) -> Bool {
        let property = "_" + option.dropFirst(2)
        return Mirror(reflecting: command).children.contains { $0.label == property }
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
