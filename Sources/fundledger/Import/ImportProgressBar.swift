import Dispatch
import Foundation
import Import

/// A one-line progress bar on standard error: lines read, rate, time left (from bytes read
/// against the file's size), then, while the database validates and posts in one statement,
/// the time spent so far. Only when standard error is a terminal.
final class ImportProgressBar: @unchecked Sendable {
    private let lock = NSLock()
    private var lastWidth = 0
    private var ticker: DispatchSourceTimer?

    /// A bar when standard error is a terminal, nil otherwise (quiet in pipes and logs).
    static func forStandardError() -> ImportProgressBar? {
        isatty(2) == 1 ? ImportProgressBar() : nil
    }

    func show(_ progress: ImportProgress) {
        switch progress.phase {
        case .reading:
            let fraction = progress.totalBytes > 0 ? min(1, Double(progress.bytesRead) / Double(progress.totalBytes)) : 0
            let width = 24
            let filled = Int(fraction * Double(width))
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            let rate = progress.elapsed > 0 ? Double(progress.linesRead) / progress.elapsed : 0
            let left = fraction > 0.01 ? progress.elapsed * (1 - fraction) / fraction : nil
            draw("\(bar) \(Int(fraction * 100)) % · \(Self.grouped(progress.linesRead)) lignes · "
                 + "\(Self.grouped(Int(rate))) lignes/s · reste \(left.map(Self.duration) ?? "…")")
        case .posting:
            let read = "\(Self.grouped(progress.linesRead)) lignes lues en \(Self.duration(progress.elapsed)) ; "
                + "validation et écriture en une transaction…"
            draw(read)
            // The database works in one statement: show that time passes.
            let started = DispatchTime.now().uptimeNanoseconds
            let timer = DispatchSource.makeTimerSource(queue: .global())
            timer.schedule(deadline: .now() + 1, repeating: 1)
            timer.setEventHandler { [weak self] in
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
                self?.draw(read + " " + Self.duration(seconds))
            }
            lock.withLock { ticker = timer }
            timer.resume()
        }
    }

    func clear() {
        lock.withLock {
            ticker?.cancel()
            ticker = nil
            guard lastWidth > 0 else { return }
            write("\r" + String(repeating: " ", count: lastWidth) + "\r")
            lastWidth = 0
        }
    }

    private func draw(_ text: String) {
        lock.withLock {
            write("\r" + text + String(repeating: " ", count: max(0, lastWidth - text.count)))
            lastWidth = text.count
        }
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// `1 234 567` with narrow no-break spaces, as French prints numbers.
    static func grouped(_ number: Int) -> String {
        let digits = String(number.magnitude)
        var out = number < 0 ? "-" : ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append("\u{202F}") }
            out.append(digit)
        }
        return out
    }

    /// `0:05`, `12:34`, `1:02:03`.
    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        let (hours, minutes, secs) = (total / 3600, total / 60 % 60, total % 60)
        let two = { (n: Int) in n < 10 ? "0\(n)" : "\(n)" }
        return hours > 0 ? "\(hours):\(two(minutes)):\(two(secs))" : "\(minutes):\(two(secs))"
    }
}
