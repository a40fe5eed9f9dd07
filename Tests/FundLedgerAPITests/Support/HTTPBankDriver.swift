import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOConcurrencyHelpers
import NIOCore
import Postgres
import TestSupport

/// A bank run through the HTTP API: each writer with its own admin token (so its idempotency
/// keys are its own, `api:<token>:<key>`), each request on a connection of its own to
/// `127.0.0.1:port` (the writers' requests run at once, as separate clients' do; one shared
/// HTTP/1.1 connection would queue them). 2xx: acknowledged with the body's id; problem+json
/// with an FL code: refused; 503, a lost connection or no answer in time: unknown; anything
/// else (a 500): failed.
final class HTTPBankDriver: BankDriver, Sendable {
    private let port: NIOLockedValueBox<Int>
    let tokens: [String]
    /// Entry ids the answers gave, so that reversals need no further request.
    private let entries = NIOLockedValueBox<[String: Int64]>([:])
    let timeout: Duration

    init(port: Int, tokens: [String], timeout: Duration = .seconds(15)) {
        self.port = NIOLockedValueBox(port)
        self.tokens = tokens
        self.timeout = timeout
    }

    /// After the server was restarted on another port.
    func moveTo(port: Int) { self.port.withLockedValue { $0 = port } }

    /// One request as `writer`, on a connection of its own.
    func send(_ writer: Int, _ method: HTTPRequest.Method, _ path: String, json: String?,
              key: String?) async -> (status: Int, body: [String: Any], text: String)? {
        var headers: HTTPFields = [.authorization: "Bearer \(tokens[writer % tokens.count])"]
        if json != nil { headers[.contentType] = "application/json" }
        if let key { headers[HTTPField.Name("Idempotency-Key")!] = key }
        let request = TestClient.Request(path, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
        let port = self.port.withLockedValue { $0 }
        let client = TestClient(host: "127.0.0.1", port: port, configuration: .init(timeout: timeout))
        client.connect()
        let response = try? await client.execute(request)
        try? await client.shutdown()
        guard let response else { return nil }
        let text = response.body.map { String(buffer: $0) } ?? ""
        let body = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
        return (Int(response.status.code), body, text)
    }

    func answer(_ writer: Int, _ path: String, json: String, key: String?, entryKind: String? = nil) async -> BankOutcome {
        guard let (status, body, text) = await send(writer, .post, path, json: json, key: key) else {
            return .unknown("POST \(path): no answer (connection refused, lost or timed out)")
        }
        switch status {
        case 200...201:
            let id = (body["id"] as? Int).map(Int64.init) ?? (path == "/v1/periods/close" ? 1 : nil)
            guard let id else { return .failed("POST \(path) \(status) without an id: \(text)") }
            if let entryKind, let entry = body["entry_id"] as? Int {
                entries.withLockedValue { $0["\(entryKind)/\(id)"] = Int64(entry) }
            }
            return .acknowledged(id: id, amount: (body["amount_cents"] as? Int).map(Int64.init))
        case 503:
            return .unknown("POST \(path) 503: \(text)")
        default:
            if let code = body["code"] as? String, code.hasPrefix("FL") {
                return .refused(code: code, message: "\(status) \(body["detail"] as? String ?? text)")
            }
            return .failed("POST \(path) \(status): \(text)")
        }
    }

    static func json(_ object: [String: Any]) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    func contribute(writer: Int, donor: String, fund: String, cents: Int64, on day: CalendarDate,
                    reference: String, key: String) async -> BankOutcome {
        await answer(writer, "/v1/contributions", json: Self.json([
            "fund": fund, "donor": donor, "amount_cents": cents, "received_on": day.iso, "reference": reference,
        ]), key: key, entryKind: "contribution")
    }

    func disburse(writer: Int, project: Int64, cents: Int64, on day: CalendarDate, reference: String,
                  key: String) async -> BankOutcome {
        await answer(writer, "/v1/disbursements", json: Self.json([
            "project_id": project, "amount_cents": cents, "paid_on": day.iso, "reference": reference,
        ]), key: key, entryKind: "disbursement")
    }

    func reverse(writer: Int, entry: Int64, reason: String, on day: CalendarDate, key: String) async -> BankOutcome {
        await answer(writer, "/v1/entries/\(entry)/reversal", json: Self.json(["reason": reason, "on": day.iso]), key: key)
    }

    func writeOff(writer: Int, pledge: Int64, reason: String, on day: CalendarDate, key: String) async -> BankOutcome {
        await answer(writer, "/v1/pledges/\(pledge)/write-off", json: Self.json(["reason": reason, "on": day.iso]), key: key)
    }

    func refund(writer: Int, fund: String, on day: CalendarDate, decision: String, key: String) async -> BankOutcome {
        await answer(writer, "/v1/funds/\(fund)/refunds", json: Self.json([
            "on": day.iso, "decision": decision, "decided_on": day.iso,
        ]), key: key)
    }

    func closeFund(writer: Int, fund: String, on day: CalendarDate, key: String) async -> BankOutcome {
        await answer(writer, "/v1/funds/\(fund)/status", json: Self.json(["status": "closed", "on": day.iso]), key: key)
    }

    func closePeriod(writer: Int, through day: CalendarDate) async -> BankOutcome {
        await answer(writer, "/v1/periods/close", json: Self.json(["through": day.iso]), key: nil)
    }

    func entry(ofContribution id: Int64) async -> Int64? { entries.withLockedValue { $0["contribution/\(id)"] } }
    func entry(ofDisbursement id: Int64) async -> Int64? { entries.withLockedValue { $0["disbursement/\(id)"] } }
}
