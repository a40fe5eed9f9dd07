import Foundation

/// Writes a file under a temporary name in its destination folder and renames it into place
/// when complete: a reader never sees half a report, and a failure leaves nothing behind.
public final class AtomicFile {
    public let destination: URL
    private let temporary: URL
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var finished = false
    private static let chunkSize = 1 << 16

    /// Creates the temporary file; fails with a one-line `ReportError` when the folder is not writable.
    public init(path: String) throws {
        destination = URL(fileURLWithPath: path)
        let folder = destination.deletingLastPathComponent()
        temporary = folder.appendingPathComponent(".\(destination.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ReportError("impossible d’écrire \(path)\u{00A0}: le dossier \(folder.path) n’existe pas")
        }
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil),
              let handle = FileHandle(forWritingAtPath: temporary.path) else {
            throw ReportError("impossible d’écrire \(path)\u{00A0}: le dossier \(folder.path) n’est pas accessible en écriture")
        }
        self.handle = handle
    }

    deinit {
        if !finished { discard() }
    }

    public func write(_ text: String) throws {
        try write(bytes: Array(text.utf8))
    }

    /// Bytes as they are (a file in another encoding than UTF-8).
    public func write(bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.chunkSize { try flush() }
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw ReportError("impossible d’écrire \(destination.path)\u{00A0}: \(error.localizedDescription)")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, closes and renames the file into place (replacing an older one).
    public func commit() throws {
        try flush()
        do {
            try handle.synchronize()
            try handle.close()
        } catch {
            discard()
            throw ReportError("impossible d’écrire \(destination.path)\u{00A0}: \(error.localizedDescription)")
        }
        guard rename(temporary.path, destination.path) == 0 else {
            let reason = String(cString: strerror(errno))
            discard()
            throw ReportError("impossible d’écrire \(destination.path)\u{00A0}: \(reason)")
        }
        finished = true
    }

    /// Removes the temporary file; the destination is untouched.
    public func discard() {
        try? handle.close()
        unlink(temporary.path)
        finished = true
    }

    /// Writes `text` to `path` atomically.
    public static func write(_ text: String, to path: String) throws {
        let file = try AtomicFile(path: path)
        do {
            try file.write(text)
            try file.commit()
        } catch {
            file.discard()
            throw error
        }
    }
}
