import Foundation

/// A private folder (mode 0700) under the system's temporary folder, for files a request
/// writes and reads back (an uploaded CSV, an export); `remove()` deletes it and everything
/// in it, and may be called more than once.
struct TemporaryFolder: Sendable {
    let path: String

    init(prefix: String) throws {
        let base = URL(fileURLWithPath: NSTemporaryDirectory())
        let url = base.appendingPathComponent("\(prefix)-\(UUID().uuidString.lowercased())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o700])
        path = url.path
    }

    func file(_ name: String) -> String {
        URL(fileURLWithPath: path).appendingPathComponent(name).path
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
