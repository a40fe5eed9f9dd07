import Foundation
import Reports

extension Output {
    /// Writes `text` to `file` (renamed into place whole) or, without a file, to standard output.
    static func deliver(_ text: String, to file: AtomicFile?) throws {
        guard let file else {
            write(text)
            return
        }
        do {
            try file.write(text)
            try file.commit()
        } catch {
            file.discard()
            throw error
        }
        Notice.line("wrote \(file.destination.path)")
    }
}

/// A line on standard error that is not an error (a warning, where a file went).
enum Notice {
    static func line(_ text: String) {
        FileHandle.standardError.write(Data("fundledger: \(text)\n".utf8))
    }
}
