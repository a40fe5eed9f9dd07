import Foundation
import Logging
import NIOConcurrencyHelpers

/// Every line a logger writes, kept in memory with its metadata, so that a test can read what
/// the service would have logged (and check that no token is in it).
final class CapturedLog: Sendable {
    private let lines = NIOLockedValueBox<[String]>([])

    /// A logger writing here, at `level` and above.
    func logger(level: Logger.Level = .trace) -> Logger {
        var logger = Logger(label: "fundledger.api.test") { label in Handler(label: label, log: self) }
        logger.logLevel = level
        return logger
    }

    var text: String { lines.withLockedValue { $0.joined(separator: "\n") } }

    fileprivate func append(_ line: String) {
        lines.withLockedValue { $0.append(line) }
    }

    /// swift-log's handler: one line per message, its metadata rendered as `key=value`.
    private struct Handler: LogHandler {
        let label: String
        let log: CapturedLog
        var logLevel: Logger.Level = .trace
        var metadata: Logger.Metadata = [:]

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(level: Logger.Level, message: Logger.Message, metadata extra: Logger.Metadata?,
                 source: String, file: String, function: String, line: UInt) {
            let all = metadata.merging(extra ?? [:]) { $1 }
            let rendered = all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            log.append("\(level) \(label): \(message) \(rendered)")
        }
    }
}
