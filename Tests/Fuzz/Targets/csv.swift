// libFuzzer's entry for the `csv` target (built and run by scripts/fuzz). The properties are
// `FuzzTarget.csv`'s (Tests/FuzzTests/Properties), which FuzzCorpusTests also replays.
@testable import FuzzProperties

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    fuzzCheck(.csv, bytes)
    return 0
}
