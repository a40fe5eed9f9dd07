import Foundation
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A program run by `posix_spawn`, its standard output and error going to a file of its own.
///
/// Not Foundation's `Process`: run from an async test while other tests run programs, its
/// `waitUntilExit` never saw `scripts/pg` exit (the child stayed a zombie and the test hung,
/// with pipes or files alike). `waitpid` on our own pid cannot miss it, and a file (unlike a
/// pipe) cannot fill up and block a long-running server.
final class ChildProcess: @unchecked Sendable {
    let pid: pid_t
    /// Where the program's standard output and error go.
    let outputPath: String

    init(_ executable: String, _ arguments: [String], environment: [String: String]) throws {
        outputPath = FileManager.default.temporaryDirectory
            .appendingPathComponent("fundledger-child-\(UUID().uuidString).log").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard status == 0 else {
            throw TestSetupError("cannot run \(executable): \(String(cString: strerror(status)))")
        }
        self.pid = pid
    }

    /// Everything the program wrote so far.
    var output: String {
        String(decoding: FileManager.default.contents(atPath: outputPath) ?? Data(), as: UTF8.self)
    }

    func signal(_ number: Int32) {
        kill(pid, number)
    }

    /// Waits for the program to end: its exit status, or 128 + the signal that killed it.
    /// Blocks its thread: call it from a detached thread or after the program has ended.
    func wait() -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            if errno != EINTR { return -1 }
        }
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }

    /// Waits without blocking Swift's cooperative pool: the blocking `waitpid` runs on a thread of its own.
    func exitStatus() async -> Int32 {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: self.wait()) }.start()
        }
    }

    /// Runs a program to its end: its status and output.
    static func run(_ executable: String, _ arguments: [String],
                    environment: [String: String] = ProcessInfo.processInfo.environment) throws -> (status: Int32, output: String) {
        let child = try ChildProcess(executable, arguments, environment: environment)
        let status = child.wait()
        defer { try? FileManager.default.removeItem(atPath: child.outputPath) }
        return (status, child.output)
    }

    /// `run`, waiting off Swift's cooperative pool (a cluster's start can take many seconds on a
    /// loaded machine, and the pool has as many threads as cores: every other test would wait).
    static func runOffPool(_ executable: String, _ arguments: [String],
                           environment: [String: String] = ProcessInfo.processInfo.environment) async throws
        -> (status: Int32, output: String) {
        let child = try ChildProcess(executable, arguments, environment: environment)
        let status = await child.exitStatus()
        defer { try? FileManager.default.removeItem(atPath: child.outputPath) }
        return (status, child.output)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: outputPath)
    }
}
