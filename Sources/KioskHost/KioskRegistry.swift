import KioskCore
public import Foundation
import GRDB
public import KioskStore
public import KioskTransport

/// The registered kiosks: ids, hashed credentials, revocations. Authenticates hellos.
///
/// Credentials are 32 random bytes shown once at registration; only their SHA-256 is stored. A slow
/// hash is not needed for secrets of that entropy.
public struct KioskRegistry: KioskAuthenticator {
    private let database: KioskDatabase

    /// Creates the registry over the core's `core_kiosk` table.
    public init(database: KioskDatabase) {
        self.database = database
    }

    /// Registers a kiosk and returns its credential, which is not stored and cannot be shown again.
    public func register(kioskID: String, label: String, at date: Date) async throws -> String {
        guard Self.isValidKioskID(kioskID) else {
            throw KioskRegistryError("kiosk id '\(kioskID)' must be 1 to 64 letters, digits, '-', '_' or '.'")
        }
        let credential = SecretToken.generate()
        let digest = SecretToken.digest(credential)
        try await self.database.writer.write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM core_kiosk WHERE kiosk_id = ?", arguments: [kioskID]) == true {
                throw KioskRegistryError("kiosk '\(kioskID)' is already registered")
            }
            try db.execute(
                sql: "INSERT INTO core_kiosk (kiosk_id, label, credential_sha256, created_at) VALUES (?, ?, ?, ?)",
                arguments: [kioskID, label, digest, date]
            )
        }
        return credential
    }

    /// Revokes a kiosk: its next hello is refused. Open connections are not cut.
    public func revoke(kioskID: String, at date: Date) async throws {
        let changed = try await self.database.writer.write { db in
            try db.execute(
                sql: "UPDATE core_kiosk SET revoked_at = ? WHERE kiosk_id = ? AND revoked_at IS NULL",
                arguments: [date, kioskID]
            )
            return db.changesCount
        }
        if changed == 0 { throw KioskRegistryError("no active kiosk '\(kioskID)'") }
    }

    /// The registered kiosks: id, label, whether revoked.
    public func list() async throws -> [(kioskID: String, label: String, revoked: Bool)] {
        try await self.database.read { db in
            try Row.fetchAll(db, sql: "SELECT kiosk_id, label, revoked_at FROM core_kiosk ORDER BY kiosk_id").map { row in
                (row["kiosk_id"], row["label"], row["revoked_at"] as Date? != nil)
            }
        }
    }

    public func authenticate(kioskID: String, credential: String) async throws -> KioskIdentity {
        let stored: (digest: Data, revokedAt: Date?)? = try await self.database.read { db in
            let row = try Row.fetchOne(
                db,
                sql: "SELECT credential_sha256, revoked_at FROM core_kiosk WHERE kiosk_id = ?",
                arguments: [kioskID]
            )
            return row.map { ($0["credential_sha256"], $0["revoked_at"]) }
        }
        guard let stored, SecretToken.equal(stored.digest, SecretToken.digest(credential)) else {
            throw KioskAuthenticationError("unknown kiosk or wrong credential")
        }
        guard stored.revokedAt == nil else {
            throw KioskAuthenticationError("kiosk '\(kioskID)' has been revoked")
        }
        return KioskIdentity(kioskID: kioskID)
    }

    static func isValidKioskID(_ id: String) -> Bool {
        (1...64).contains(id.count) && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
    }
}

/// A refused registry operation, with a message for the operator.
public struct KioskRegistryError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public var message: String

    init(_ message: String) {
        self.message = message
    }

    public var description: String { self.message }
}
