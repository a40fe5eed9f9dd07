import Foundation
import TestSupport

/// Runs the built `fundledger` binary as a finance officer would, against a test database.
struct CLI {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String

        /// Standard error's lines (a refusal must print exactly one).
        var errorLines: [String] { stderr.split(separator: "\n").map(String.init) }
    }

    let database: TestDatabase
    /// The production role the commands run as (a login role granted it), or nil for the
    /// schema's owner (only `migrate` needs it).
    var role: String? = "fundledger_writer"
    /// What the command reads on standard input (not a terminal), or nil to inherit the tests'.
    var input: String? = nil

    /// The binary next to the test bundle (`.build/<triple>/debug/fundledger`), or `FUNDLEDGER_BIN`.
    static let binary: URL = {
        if let path = ProcessInfo.processInfo.environment["FUNDLEDGER_BIN"] {
            return URL(fileURLWithPath: path)
        }
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("fundledger")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: ".build/debug/fundledger")
    }()

    @discardableResult
    func run(_ arguments: String...) throws -> Outcome {
        try run(arguments)
    }

    @discardableResult
    func run(_ arguments: [String]) throws -> Outcome {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = try role.map { try database.loginURL(granted: $0) } ?? database.url
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let stdin = Pipe()
        if input != nil { process.standardInput = stdin }
        try process.run()
        if let input {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try stdin.fileHandleForWriting.close()
        }
        // Read before waiting so that a large output cannot fill the pipe and block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus,
                       stdout: String(decoding: outData, as: UTF8.self),
                       stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs and requires success, returning standard output.
    @discardableResult
    func ok(_ arguments: String...) throws -> String {
        let outcome = try run(arguments)
        guard outcome.status == 0 else {
            throw TestSetupError("fundledger \(arguments.joined(separator: " ")) failed (\(outcome.status)): \(outcome.stderr)")
        }
        return outcome.stdout
    }
}
