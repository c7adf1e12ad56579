import KioskStore
public import KioskPluginKit
public import Foundation
public import GRDB
public import GRPCCore

/// The append-only record of who read or changed which child's record, from which kiosk, when.
///
/// Entries name the actor, the kiosk, the action (a method or a plugin's purpose) and the ids of
/// the records involved — never names, identity numbers, observations or any other personal data.
public struct AuditLog: Sendable {
    /// What happened, e.g. `children.get`, `nutrition.record-measurement`.
    public struct Entry: Sendable, Hashable {
        /// Increasing sequence number.
        public var sequence: Int64
        /// When.
        public var at: Date
        /// Worker id or `system:<plugin>`.
        public var actor: String
        /// The actor's level.
        public var actorLevel: String
        /// The kiosk, for workers.
        public var kioskID: String?
        /// What was done.
        public var action: String
        /// The child, when the action concerned one.
        public var childID: String?
        /// The application, when the action concerned one.
        public var applicationID: String?
        /// `ok`, `denied`, `not-found`, or a short outcome such as `3 results`.
        public var outcome: String
    }

    /// Appends an entry in the caller's transaction, so that it commits with the effect it records.
    public static func append(
        in db: Database,
        at date: Date,
        actor: CoreActor,
        action: String,
        childID: String? = nil,
        applicationID: String? = nil,
        outcome: String = "ok"
    ) throws {
        try db.execute(
            sql: """
                INSERT INTO core_audit (at, actor, actor_level, kiosk_id, action, child_id, application_id, outcome)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [date, actor.name, actor.level, actor.kioskID, action, childID, applicationID, outcome]
        )
    }

    /// Entries after `sequence`, oldest first.
    public static func entries(in db: Database, after sequence: Int64 = 0, limit: Int = 1000) throws -> [Entry] {
        try Row.fetchAll(
            db,
            sql: "SELECT * FROM core_audit WHERE seq > ? ORDER BY seq LIMIT ?",
            arguments: [sequence, limit]
        ).map { row in
            Entry(
                sequence: row["seq"],
                at: row["at"],
                actor: row["actor"],
                actorLevel: row["actor_level"],
                kioskID: row["kiosk_id"],
                action: row["action"],
                childID: row["child_id"],
                applicationID: row["application_id"],
                outcome: row["outcome"]
            )
        }
    }
}

/// A refusal that must be audited even though the transaction it happened in is rolled back.
///
/// The registry throws this for a denied or not-found access; ``PluginStore`` records the entry in
/// a transaction of its own and passes the underlying `RPCError` on to the caller.
public struct AuditedRefusal: RecordedRefusal, RPCErrorConvertible {
    /// The error for the caller.
    public let error: RPCError
    let at: Date
    let actor: CoreActor
    let action: String
    let childID: String?
    let applicationID: String?
    let outcome: String

    init(_ error: RPCError, at: Date, actor: CoreActor, action: String, childID: String?, applicationID: String? = nil, outcome: String) {
        self.error = error
        self.at = at
        self.actor = actor
        self.action = action
        self.childID = childID
        self.applicationID = applicationID
        self.outcome = outcome
    }

    /// Appends the refusal's entry.
    public func record(in db: Database) throws {
        try AuditLog.append(
            in: db, at: self.at, actor: self.actor, action: self.action, childID: self.childID,
            applicationID: self.applicationID, outcome: self.outcome
        )
    }

    public var rpcErrorCode: RPCError.Code { self.error.code }
    public var rpcErrorMessage: String { self.error.message }
    public var rpcErrorMetadata: Metadata { self.error.metadata }
}
