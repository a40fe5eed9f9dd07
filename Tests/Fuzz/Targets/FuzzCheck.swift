@testable import FuzzProperties
#if canImport(Glibc)
import Glibc
#endif

/// Runs `target`'s property checks on one input and aborts on a broken property, printing it,
/// so that libFuzzer keeps the input as a crash (`crash-…` in the artifact folder).
func fuzzCheck(_ target: FuzzTarget, _ bytes: [UInt8]) {
    let broken = target.violations(bytes)
    guard !broken.isEmpty else { return }
    for line in broken {
        let text = Array("PROPERTY BROKEN: \(line)\n".utf8)
        _ = text.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    }
    abort()
}
