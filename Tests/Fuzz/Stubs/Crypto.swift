// A stand-in for swift-crypto's `SHA256`, for the fuzz build only (scripts/fuzz): `CSVReader`
// hashes the bytes it reads, which is not what the fuzz target checks, and building swift-crypto
// (BoringSSL) instrumented would cost minutes. The real one is linked everywhere else. It keeps
// the same shape (`update(bufferPointer:)`, `finalize()` as a sequence of bytes) and computes a
// simple FNV-1a, never used as a digest.
public struct SHA256: Sendable {
    private var state: UInt64 = 0xcbf29ce484222325

    public init() {}

    public mutating func update(bufferPointer: UnsafeRawBufferPointer) {
        for byte in bufferPointer { state = (state ^ UInt64(byte)) &* 0x100000001b3 }
    }

    public func finalize() -> SHA256Digest { SHA256Digest(bytes: (0..<32).map { UInt8(truncatingIfNeeded: state >> (($0 % 8) * 8)) }) }
}

public struct SHA256Digest: Sequence, Sendable {
    let bytes: [UInt8]
    public func makeIterator() -> IndexingIterator<[UInt8]> { bytes.makeIterator() }
}
