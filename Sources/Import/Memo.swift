import Ledger

/// Each distinct text parsed once (dates, donors, funds repeat from line to line); bounded, so
/// that memory stays flat even if every line differs.
final class Memo {
    private var values: [String: Result<String, InputError>] = [:]

    func value(for text: String, _ compute: (String) throws -> String) throws -> String {
        if let known = values[text] { return try known.get() }
        let result: Result<String, InputError>
        do {
            result = .success(try compute(text))
        } catch {
            result = .failure(error as? InputError ?? InputError(field: "", value: text, reason: "\(error)"))
        }
        if values.count < 10_000 { values[text] = result }
        return try result.get()
    }
}
