import Foundation

/// The size and seed of a bank run (Jepsen's bank test, adapted to the ledger), from the
/// environment so that a failure can be replayed:
///
///     FUNDLEDGER_SEED=1234567 FUNDLEDGER_BANK_OPS=20000 scripts/test --filter Bank
///
/// - `FUNDLEDGER_SEED`: the seed (decimal, or hex with `0x`); a fresh one each run otherwise.
/// - `FUNDLEDGER_BANK_OPS`: operations per run, all writers together (the test's short default
///   otherwise; `scripts/soak` sets a large one).
/// - `FUNDLEDGER_BANK_WRITERS`: concurrent writers (16 at least; 16 by default).
///
/// Each writer draws its operations from its own generator, seeded from the run's seed and its
/// number: the same seed gives every writer the same operations in the same order (amounts,
/// dates, funds, which of its own entries it reverses, when it retries). What the seed cannot
/// replay is the interleaving, which is the scheduler's (and, as in Jepsen, the point).
public struct BankRun: Sendable, CustomStringConvertible {
    public let seed: UInt64
    public let operations: Int
    public let writers: Int

    public init(seed: UInt64, operations: Int, writers: Int) {
        self.seed = seed
        self.operations = operations
        self.writers = max(16, writers)
    }

    /// The run the environment asks for, or a fresh seed and `defaultOperations`.
    public static func fromEnvironment(defaultOperations: Int, writers: Int = 16) -> BankRun {
        let environment = ProcessInfo.processInfo.environment
        let seed = environment["FUNDLEDGER_SEED"].flatMap(parseSeed) ?? UInt64.random(in: 1...UInt64(UInt32.max))
        let operations = environment["FUNDLEDGER_BANK_OPS"].flatMap { Int($0) } ?? defaultOperations
        let writers = environment["FUNDLEDGER_BANK_WRITERS"].flatMap { Int($0) } ?? writers
        return BankRun(seed: seed, operations: operations, writers: writers)
    }

    static func parseSeed(_ text: String) -> UInt64? {
        let text = text.trimmingCharacters(in: .whitespaces)
        if text.lowercased().hasPrefix("0x") { return UInt64(text.dropFirst(2), radix: 16) }
        return UInt64(text)
    }

    /// Operations each writer makes (every writer makes as many).
    public var perWriter: Int { max(12, operations / writers) }

    /// The generator of writer `writer`: its own stream, the same for the same seed.
    public func generator(writer: Int) -> SplitMix64 {
        SplitMix64(seed: seed &+ UInt64(writer + 1) &* 0x9E37_79B9_7F4A_7C15)
    }

    public var description: String {
        "bank run: seed \(seed), \(perWriter * writers) operations, \(writers) writers "
            + "(replay: FUNDLEDGER_SEED=\(seed) FUNDLEDGER_BANK_OPS=\(operations) FUNDLEDGER_BANK_WRITERS=\(writers))"
    }
}

/// SplitMix64 (Steele, Lea, Flood): small, fast, and the same numbers on every platform for the
/// same seed, which `SystemRandomNumberGenerator` is not.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `range`, drawn from this generator only.
    public mutating func int(_ range: Range<Int>) -> Int { Int.random(in: range, using: &self) }
    public mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }
    public mutating func chance(_ percent: Int) -> Bool { int(0..<100) < percent }
}
