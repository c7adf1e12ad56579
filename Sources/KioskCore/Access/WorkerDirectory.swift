public import Foundation
import GRDB
public import KioskDomain
public import KioskPluginKit
import KioskRecords
public import KioskStore

/// Workers, their PINs and their sessions: adding and deactivating workers, signing in, and turning a
/// session token back into the ``Caller`` it stands for.
public struct WorkerDirectory: Sendable {
    /// A worker as the directory lists it (never with the PIN hash).
    public struct Worker: Sendable, Hashable {
        /// The worker's id.
        public var workerID: String
        /// Name for people.
        public var displayName: String
        /// Role.
        public var role: WorkerRole
        /// Where the worker may act.
        public var jurisdiction: Jurisdiction
        /// Whether the worker may sign in.
        public var active: Bool
    }

    /// A successful sign-in.
    public struct Session: Sendable, Hashable {
        /// The token to send with every call; shown once.
        public var token: String
        /// The signed-in worker.
        public var worker: Worker
        /// When the session ends.
        public var expiresAt: Date
    }

    let database: KioskDatabase
    let configuration: AccessConfiguration
    let clock: any WallClock
    let hasher: PINHasher

    /// Creates the directory over the core's worker and session tables.
    public init(database: KioskDatabase, configuration: AccessConfiguration = .init(), clock: any WallClock = SystemWallClock()) {
        self.database = database
        self.configuration = configuration
        self.clock = clock
        self.hasher = PINHasher(rounds: configuration.pinHashRounds)
    }

    /// Adds a worker whose role matches the level of `jurisdiction`.
    public func add(workerID: String, displayName: String, role: WorkerRole, jurisdiction: String, pin: String) async throws {
        let parsed = try Self.validate(workerID: workerID, displayName: displayName, role: role, jurisdiction: jurisdiction)
        guard pin.count >= self.configuration.minimumPINLength else {
            throw AccessError(.invalid, "a PIN must have at least \(self.configuration.minimumPINLength) characters")
        }
        let hash = try self.hasher.hash(pin)
        let now = self.clock.now()
        try await self.database.writer.write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM core_worker WHERE worker_id = ?", arguments: [workerID]) == true {
                throw AccessError(.alreadyExists, "worker '\(workerID)' already exists")
            }
            try db.execute(
                sql: """
                    INSERT INTO core_worker (worker_id, display_name, role, jurisdiction, pin_digest, pin_salt, pin_rounds, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [workerID, displayName, role.name, parsed.digits, hash.digest, hash.salt, hash.rounds, now]
            )
        }
    }

    /// Stops a worker from signing in and ends the worker's open sessions.
    public func deactivate(workerID: String) async throws {
        let now = self.clock.now()
        let changed = try await self.database.writer.write { db in
            try db.execute(sql: "UPDATE core_worker SET active = 0 WHERE worker_id = ? AND active = 1", arguments: [workerID])
            let changed = db.changesCount
            try db.execute(
                sql: "UPDATE core_session SET ended_at = ? WHERE worker_id = ? AND ended_at IS NULL",
                arguments: [now, workerID]
            )
            return changed
        }
        if changed == 0 { throw AccessError(.notFound, "no active worker '\(workerID)'") }
    }

    /// Every worker, by id.
    public func list() async throws -> [Worker] {
        try await self.database.read { db in
            try Row.fetchAll(db, sql: "SELECT worker_id, display_name, role, jurisdiction, active FROM core_worker ORDER BY worker_id")
                .compactMap(Self.worker(from:))
        }
    }

    /// The worker with `workerID`, active or not; nil when there is none.
    public func worker(withID workerID: String) async throws -> Worker? {
        try await self.database.read { db in
            try Row.fetchOne(
                db,
                sql: "SELECT worker_id, display_name, role, jurisdiction, active FROM core_worker WHERE worker_id = ?",
                arguments: [workerID]
            ).flatMap(Self.worker(from:))
        }
    }

    static func validate(workerID: String, displayName: String, role: WorkerRole, jurisdiction: String) throws -> Jurisdiction {
        guard (1...64).contains(workerID.count),
            workerID.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) })
        else {
            throw AccessError(.invalid, "worker id '\(workerID)' must be 1 to 64 letters, digits, '-', '_' or '.'")
        }
        guard !displayName.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw AccessError(.invalid, "a worker needs a display name")
        }
        let parsed: Jurisdiction
        do {
            parsed = try Jurisdiction(jurisdiction)
        } catch {
            throw AccessError(.invalid, "jurisdiction: \(error.message)")
        }
        guard parsed.level == role.level else {
            throw AccessError(
                .invalid,
                "a \(role) works in a \(role.level) (\(role.level.digitCount) digits), not a \(parsed.level) ('\(jurisdiction)')"
            )
        }
        return parsed
    }

    static func worker(from row: Row) -> Worker? {
        guard let role = WorkerRole(name: row["role"]), let jurisdiction = try? Jurisdiction(row["jurisdiction"] as String) else {
            return nil
        }
        return Worker(
            workerID: row["worker_id"],
            displayName: row["display_name"],
            role: role,
            jurisdiction: jurisdiction,
            active: row["active"]
        )
    }
}
