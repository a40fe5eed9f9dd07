import Hummingbird
import Ledger
import Postgres

extension Request {
    /// An id of the query string (`?project=12`): 400 naming the parameter when it is not one.
    func queryID(_ name: String) throws -> Int64? {
        guard let text = queryText(name) else { return nil }
        guard let value = Int64(text), value > 0 else {
            throw Problem.badRequest("\(name) doit être un identifiant (entier positif).", field: name)
        }
        return value
    }

    /// A date of the query string (`?from=2026-01-01`): 400 naming the parameter when it is not one.
    func queryDate(_ name: String) throws -> CalendarDate? {
        guard let text = queryText(name) else { return nil }
        do {
            return try DateParser.parse(text, field: name)
        } catch let error as InputError {
            throw Problem.badRequest(error.description, field: name)
        }
    }

    /// One of `allowed` (`?only=pledged`): 400 naming the parameter otherwise.
    func queryChoice<T: RawRepresentable<String> & CaseIterable>(_ name: String, as type: T.Type) throws -> T? {
        guard let text = queryText(name) else { return nil }
        guard let value = T(rawValue: text) else {
            let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw Problem.badRequest("\(name) doit valoir l'un de : \(allowed).", field: name)
        }
        return value
    }

    /// An optional query parameter that must be an integer in `range` (400 naming it otherwise).
    func queryInteger(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = queryText(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw Problem.badRequest("\(name) doit être un nombre entier de \(range.lowerBound) à \(range.upperBound).", field: name)
        }
        return value
    }

    /// An optional boolean parameter: `true`/`false` (also `1`/`0`), 400 naming it otherwise.
    func queryBool(_ name: String) throws -> Bool? {
        guard let text = queryText(name) else { return nil }
        switch text.lowercased() {
        case "true", "1": return true
        case "false", "0": return false
        default: throw Problem.badRequest("\(name) doit valoir true ou false.", field: name)
        }
    }
}

extension Parameters {
    /// The `{id}` of a path: 404 when it is not an id (no resource can have it).
    func requireID(_ name: String = "id") throws -> Int64 {
        guard let text = get(name), let value = Int64(text), value > 0 else {
            throw Problem(status: .notFound, slug: "not-found", title: "Introuvable",
                          detail: "« \(get(name) ?? "") » n'est pas un identifiant.", field: name)
        }
        return value
    }

}
