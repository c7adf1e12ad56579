import Crypto
import _CryptoExtras
public import Foundation

/// Slow salted hashes of workers' PINs: PBKDF2-HMAC-SHA256 with a per-worker random salt.
///
/// The round count is stored with each hash so it can be raised later without locking anyone out.
public struct PINHasher: Sendable {
    /// A stored hash.
    public struct Hash: Sendable, Hashable {
        /// The derived key.
        public var digest: Data
        /// The random salt.
        public var salt: Data
        /// PBKDF2 rounds used.
        public var rounds: Int
    }

    /// Rounds for new hashes; 210,000 is the floor swift-crypto's checked API accepts.
    public let rounds: Int

    /// Creates a hasher that hashes new PINs with `rounds` rounds.
    public init(rounds: Int = 210_000) {
        precondition(rounds > 0, "rounds must be positive")
        self.rounds = rounds
    }

    /// Hashes `pin` with a new random salt.
    public func hash(_ pin: String) throws -> Hash {
        var generator = SystemRandomNumberGenerator()
        let salt = Data((0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) })
        return Hash(digest: try Self.derive(pin, salt: salt, rounds: self.rounds), salt: salt, rounds: self.rounds)
    }

    /// Whether `pin` matches `hash`, compared in constant time.
    public func verify(_ pin: String, against hash: Hash) throws -> Bool {
        let derived = try Self.derive(pin, salt: hash.salt, rounds: hash.rounds)
        guard derived.count == hash.digest.count else { return false }
        return zip(derived, hash.digest).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    private static func derive(_ pin: String, salt: Data, rounds: Int) throws -> Data {
        let key = try KDF.Insecure.PBKDF2.deriveKey(
            from: Data(pin.utf8),
            salt: salt,
            using: .sha256,
            outputByteCount: 32,
            unsafeUncheckedRounds: rounds
        )
        return key.withUnsafeBytes { Data($0) }
    }
}
