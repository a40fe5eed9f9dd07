import HummingbirdBcrypt
import NIOPosix

/// Staff passwords, hashed with bcrypt. Hashing and checking take a quarter of a second of CPU
/// on purpose: they run on NIO's blocking thread pool, never on an event loop nor on Swift's
/// cooperative threads.
public enum StaffPassword {
    /// Fewer characters are refused by `validate`.
    public static let minimumLength = 10
    /// bcrypt reads at most 72 bytes: more would silently be ignored, so it is refused.
    public static let maximumBytes = 72

    /// Why a new password is refused, in French; nil when it is acceptable.
    public static func refusal(_ password: String) -> String? {
        if password.count < minimumLength {
            return "Le mot de passe doit compter au moins \(minimumLength) caractères."
        }
        if password.utf8.count > maximumBytes {
            return "Le mot de passe ne doit pas dépasser \(maximumBytes) octets (bcrypt ignorerait la suite)."
        }
        return nil
    }

    /// The bcrypt hash of `password` (synchronous: for the command line).
    public static func hashNow(_ password: String, cost: UInt8 = 12) -> String {
        Bcrypt.hash(password, cost: cost)
    }

    /// The bcrypt hash of `password`, computed off the event loops.
    public static func hash(_ password: String, cost: UInt8 = 12) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    /// Whether `password` is the one hashed in `hash`, checked off the event loops. Without a hash
    /// (unknown e-mail) a dummy one is checked all the same, so that the answer takes as long
    /// and tells nobody which e-mails exist.
    static func verify(_ password: String, hash: String?) async throws -> Bool {
        // `dummyHash` is computed on first use: inside the closure, off the cooperative threads too.
        let matches = try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash ?? dummyHash) }
        return hash != nil && matches
    }

    /// A hash of nothing anyone types (cost 12, as real ones), computed once.
    static let dummyHash = Bcrypt.hash("fundledger: no such user", cost: 12)
}
