import Hummingbird

/// A request body passed through chunk by chunk, refused (413) as soon as it exceeds `limit`
/// bytes: an upload streamed to disk never costs more than one chunk of memory, and a body too
/// large stops being read at the limit rather than at its end.
struct ByteLimitedBody<Base: AsyncSequence & Sendable>: AsyncSequence, Sendable where Base.Element == ByteBuffer {
    typealias Element = ByteBuffer
    let base: Base
    let limit: Int

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: Base.AsyncIterator
        let limit: Int
        var count = 0

        mutating func next() async throws -> ByteBuffer? {
            guard let chunk = try await base.next() else { return nil }
            count += chunk.readableBytes
            if count > limit { throw Problem.tooLarge(limit: limit) }
            return chunk
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: base.makeAsyncIterator(), limit: limit)
    }
}
