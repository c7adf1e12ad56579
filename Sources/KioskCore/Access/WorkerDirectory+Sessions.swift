import Foundation
import GRDB
public import KioskPluginKit
import KioskRecords
import KioskStore

extension WorkerDirectory {
    /// Signs a worker in at `kioskID`; counts wrong PINs and locks the worker after too many.
    public func signIn(workerID: String, pin: String, kioskID: String) async throws -> Session {
        let stored = try await self.database.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT worker_id, display_name, role, jurisdiction, active, pin_digest, pin_salt, pin_rounds, locked_until
                    FROM core_worker WHERE worker_id = ?
                    """,
                arguments: [workerID]
            ).map { row in
                (
                    worker: Self.worker(from: row),
                    hash: PINHasher.Hash(digest: row["pin_digest"], salt: row["pin_salt"], rounds: row["pin_rounds"]),
                    lockedUntil: row["locked_until"] as Date?
                )
            }
        }
        let now = self.clock.now()
        guard let stored, let worker = stored.worker, worker.active else {
            _ = try? self.hasher.hash(pin)  // Same work as a real check, so timing does not reveal who exists.
            throw AccessError(.unauthenticated, "unknown worker or wrong PIN")
        }
        if let lockedUntil = stored.lockedUntil, lockedUntil > now {
            throw Self.lockedError(until: lockedUntil, now: now)
        }
        guard try self.hasher.verify(pin, against: stored.hash) else {
            try await self.recordFailure(workerID: workerID, now: now)
        }
        let token = SecretToken.generate()
        let expiresAt = now.addingTimeInterval(Double(self.configuration.sessionLifetime.components.seconds))
        try await self.database.writer.write { db in
            try db.execute(
                sql: "UPDATE core_worker SET failed_attempts = 0, locked_until = NULL WHERE worker_id = ?",
                arguments: [workerID]
            )
            try db.execute(
                sql: "INSERT INTO core_session (token_sha256, worker_id, kiosk_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [SecretToken.digest(token), workerID, kioskID, now, expiresAt]
            )
        }
        return Session(token: token, worker: worker, expiresAt: expiresAt)
    }

    private func recordFailure(workerID: String, now: Date) async throws -> Never {
        let maximum = self.configuration.maximumFailedAttempts
        let lockUntil = now.addingTimeInterval(Double(self.configuration.lockoutDuration.components.seconds))
        // Counted even when the call was cancelled meanwhile (its deadline passed): a PIN guesser could
        // otherwise pick a deadline that skips the count and never be locked out.
        let locked = try await self.database.writer.write(ignoringCancellation: true) { db -> Bool in
            try db.execute(sql: "UPDATE core_worker SET failed_attempts = failed_attempts + 1 WHERE worker_id = ?", arguments: [workerID])
            let failures = try Int.fetchOne(db, sql: "SELECT failed_attempts FROM core_worker WHERE worker_id = ?", arguments: [workerID]) ?? 0
            guard failures >= maximum else { return false }
            try db.execute(
                sql: "UPDATE core_worker SET failed_attempts = 0, locked_until = ? WHERE worker_id = ?",
                arguments: [lockUntil, workerID]
            )
            return true
        }
        if locked { throw Self.lockedError(until: lockUntil, now: now) }
        throw AccessError(.unauthenticated, "unknown worker or wrong PIN")
    }

    private static func lockedError(until: Date, now: Date) -> AccessError {
        let minutes = max(1, Int((until.timeIntervalSince(now) / 60).rounded(.up)))
        return AccessError(.locked, "too many wrong PINs: this worker can sign in again in \(minutes) minute\(minutes == 1 ? "" : "s")")
    }

    /// The caller a session token stands for at `kioskID`, or UNAUTHENTICATED.
    public func caller(forToken token: String, kioskID: String) async throws -> Caller {
        let digest = SecretToken.digest(token)
        let found = try await self.database.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT w.worker_id, w.display_name, w.role, w.jurisdiction, w.active, s.kiosk_id, s.expires_at, s.ended_at
                    FROM core_session s JOIN core_worker w ON w.worker_id = s.worker_id
                    WHERE s.token_sha256 = ?
                    """,
                arguments: [digest]
            ).map { row in
                (worker: Self.worker(from: row), kioskID: row["kiosk_id"] as String, expiresAt: row["expires_at"] as Date,
                 ended: (row["ended_at"] as Date?) != nil)
            }
        }
        guard let found, let worker = found.worker, worker.active, !found.ended else {
            throw AccessError(.unauthenticated, "the session is not valid: sign in again")
        }
        guard found.expiresAt > self.clock.now() else {
            throw AccessError(.unauthenticated, "the session has expired: sign in again")
        }
        guard found.kioskID == kioskID else {
            throw AccessError(.unauthenticated, "the session belongs to another kiosk: sign in at this kiosk")
        }
        return Caller(
            workerID: worker.workerID,
            role: worker.role,
            jurisdiction: worker.jurisdiction,
            kioskID: kioskID,
            sessionExpiresAt: found.expiresAt
        )
    }

    /// Ends the session of `token`.
    public func signOut(token: String) async throws {
        let now = self.clock.now()
        try await self.database.writer.write { db in
            try db.execute(
                sql: "UPDATE core_session SET ended_at = ? WHERE token_sha256 = ? AND ended_at IS NULL",
                arguments: [now, SecretToken.digest(token)]
            )
        }
    }
}
