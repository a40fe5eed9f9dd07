import CLibPQ

/// Streams rows into `COPY … FROM STDIN`, buffering bytes so that libpq is called once per
/// chunk rather than once per row.
public final class CopyWriter {
    private let connection: OpaquePointer
    private var buffer: [UInt8] = []
    private let chunkSize: Int
    private var failure: PostgresError?

    init(connection: OpaquePointer, chunkSize: Int) {
        self.connection = connection
        self.chunkSize = chunkSize
        buffer.reserveCapacity(chunkSize)
    }

    /// Appends UTF-8 bytes of `text` (a byte count, never a character count, goes to libpq).
    public func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= chunkSize { try flush() }
    }

    /// Appends raw bytes.
    public func write(bytes: some Sequence<UInt8>) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= chunkSize { try flush() }
    }

    /// Appends one row in COPY's text format: fields escaped, tab-separated, `\N` for NULL.
    public func writeRow(_ fields: [String?]) throws {
        for (index, field) in fields.enumerated() {
            if index > 0 { buffer.append(0x09) }
            guard let field else {
                buffer.append(contentsOf: [0x5C, 0x4E])  // \N
                continue
            }
            for byte in field.utf8 {
                switch byte {
                case 0x5C: buffer.append(contentsOf: [0x5C, 0x5C])  // backslash
                case 0x09: buffer.append(contentsOf: [0x5C, 0x74])  // \t
                case 0x0A: buffer.append(contentsOf: [0x5C, 0x6E])  // \n
                case 0x0D: buffer.append(contentsOf: [0x5C, 0x72])  // \r
                default: buffer.append(byte)
                }
            }
        }
        buffer.append(0x0A)
        if buffer.count >= chunkSize { try flush() }
    }

    func flush() throws {
        guard !buffer.isEmpty else { return }
        let sent = buffer.withUnsafeBufferPointer { bytes in
            bytes.baseAddress!.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                PQputCopyData(connection, $0, Int32(bytes.count))
            }
        }
        buffer.removeAll(keepingCapacity: true)
        guard sent == 1 else {
            throw PostgresError(kind: .copy, message: PostgresConnection.trimmed(PQerrorMessage(connection)))
        }
    }
}

extension PostgresConnection {
    /// Runs `COPY … FROM STDIN` (`sql`, written by the programmer) and lets `produce` stream the
    /// data. If `produce` throws, the COPY is aborted, nothing is stored, and the error is rethrown.
    /// Returns the number of rows copied.
    @discardableResult
    public func copyIn(_ sql: String, chunkSize: Int = 1 << 16, _ produce: (CopyWriter) throws -> Void) throws -> Int {
        let connection = try liveHandle()
        guard let start = PQexec(connection, sql) else { throw connectionError(sql: sql) }
        let startStatus = PQresultStatus(start)
        guard startStatus == PGRES_COPY_IN else {
            defer { PQclear(start) }
            if startStatus == PGRES_FATAL_ERROR { throw serverError(start, sql: sql) }
            throw PostgresError(kind: .usage, message: "statement is not COPY … FROM STDIN", query: sql)
        }
        PQclear(start)

        let writer = CopyWriter(connection: connection, chunkSize: chunkSize)
        var producerError: (any Error)?
        do {
            try produce(writer)
            try writer.flush()
        } catch {
            producerError = error
        }
        let abortMessage = producerError.map { "aborted by client: \($0)" }
        _ = PQputCopyEnd(connection, abortMessage)

        // Drain every result so the connection is ready for the next statement.
        var outcome: Result<Int, PostgresError> = .success(0)
        while let result = PQgetResult(connection) {
            let status = PQresultStatus(result)
            if status == PGRES_COMMAND_OK {
                outcome = .success(Int(String(cString: PQcmdTuples(result))) ?? 0)
            } else if status == PGRES_FATAL_ERROR, case .success = outcome {
                outcome = .failure(serverError(result, sql: sql))
            }
            PQclear(result)
        }
        if let producerError { throw producerError }
        return try outcome.get()
    }
}
