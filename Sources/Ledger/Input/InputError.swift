/// Input a person typed that cannot be accepted: which field, the text given, and why.
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The field as the user knows it, e.g. `--amount` or `amount` (a CSV column).
    public var field: String
    /// The text as given.
    public var value: String
    public var reason: String

    public init(field: String, value: String, reason: String) {
        self.field = field
        self.value = value
        self.reason = reason
    }

    public var description: String {
        "\(field) \"\(value.debugEscaped)\": \(reason)"
    }
}

extension String {
    /// The text with control and invisible format characters made visible, safe to print on one line.
    var debugEscaped: String {
        var out = ""
        for scalar in unicodeScalars {
            let category = scalar.properties.generalCategory
            if category == .control || category == .format || scalar.properties.isDefaultIgnorableCodePoint {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
