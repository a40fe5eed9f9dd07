import Hummingbird
import Ledger

extension Request {
    /// `?limit=` (1–500, default 100) and `?cursor=` (the `next_cursor` of the previous page) of
    /// a list; 400 naming the parameter when either cannot be read.
    func pageRequest() throws -> PageRequest {
        let query = uri.queryParameters
        var limit = PageRequest.defaultLimit
        if let text = query.get("limit") {
            guard let value = Int(text), (1...PageRequest.maximumLimit).contains(value) else {
                throw Problem.badRequest("limit doit être un entier de 1 à \(PageRequest.maximumLimit).", field: "limit")
            }
            limit = value
        }
        var after: Int64?
        if let text = query.get("cursor"), !text.isEmpty {
            guard let value = Int64(text), value >= 0 else {
                throw Problem.badRequest("cursor doit être le next_cursor d'une page précédente.", field: "cursor")
            }
            after = value
        }
        return PageRequest(after: after, limit: limit)
    }

    /// An optional text parameter of the query string.
    func queryText(_ name: String) -> String? {
        uri.queryParameters.get(name).flatMap { $0.isEmpty ? nil : $0 }
    }
}
