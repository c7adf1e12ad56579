import KioskStore
public import KioskPluginKit
public import Foundation
public import GRDB
public import GRPCCore

/// The append-only record of who read or changed which child's record, from which kiosk, when.
///
/// Entries name the actor, the kiosk, the action (a method or a plugin's purpose) and the ids of
/// the records involved — never names, identity numbers, observations or any other personal data.
/// Each entry is chained to the one before it by a SHA-256 hash (``AuditChain``), computed in the
/// transaction that writes the entry: inside the group commit's savepoint of the access it records,
/// or in a transaction of its own for a refusal. Every write runs on the one writer connection, so
/// the row an entry chains to is always the last row committed or written earlier in the same
/// transaction; a savepoint rolled back takes its entries with it and the next entry chains to
/// what remains.
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
        /// The worker's role (e.g. `county-officer`), `system`, or nil for entries written before roles were recorded.
        public var actorRole: String?
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

    /// The last entry of the chain: what an operator writes down to prove later that nothing before
    /// it was rewritten.
    public struct Head: Sendable, Hashable {
        /// How many entries the log holds.
        public var count: Int
        /// The last entry's sequence number (0 for an empty log).
        public var sequence: Int64
        /// The last entry's hash (``AuditChain/genesis`` for an empty log).
        public var hash: String
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
        // Read without GRDB's trapping conversions: a row edited by hand must not stop the server.
        let last = try Row.fetchOne(try db.cachedStatement(sql: "SELECT seq, hash FROM core_audit ORDER BY seq DESC LIMIT 1"))
        let previous = last.map { String.fromDatabaseValue($0[1]) ?? "" } ?? AuditChain.genesis
        let sequence = (last.flatMap { Int64.fromDatabaseValue($0[0]) } ?? 0) + 1
        let values: [DatabaseValue] = [
            sequence.databaseValue, date.databaseValue, actor.name.databaseValue, actor.level.databaseValue,
            Self.role(of: actor).databaseValue, actor.kioskID.databaseValue, action.databaseValue, childID.databaseValue,
            applicationID.databaseValue, outcome.databaseValue,
        ]
        let hash = AuditChain.hash(previous: previous, values: values)
        try db.cachedStatement(
            sql: """
                INSERT INTO core_audit (seq, at, actor, actor_level, actor_role, kiosk_id, action, child_id, application_id,
                    outcome, prev_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: StatementArguments(values + [previous.databaseValue, hash.databaseValue]))
    }

    /// How the log names the actor's role: the worker's role, or `system`.
    static func role(of actor: CoreActor) -> String {
        switch actor {
        case .worker(let caller): caller.role.name
        case .system: "system"
        }
    }

    /// Entries after `sequence`, oldest first.
    public static func entries(in db: Database, after sequence: Int64 = 0, limit: Int = 1000) throws -> [Entry] {
        try Row.fetchAll(
            db,
            sql: "SELECT * FROM core_audit WHERE seq > ? ORDER BY seq LIMIT ?",
            arguments: [sequence, limit]
        ).map(Self.entry(from:))
    }

    /// The chain's last entry and the number of entries.
    public static func head(in db: Database) throws -> Head {
        let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM core_audit") ?? 0
        guard let last = try Row.fetchOne(db, sql: "SELECT seq, hash FROM core_audit ORDER BY seq DESC LIMIT 1") else {
            return Head(count: 0, sequence: 0, hash: AuditChain.genesis)
        }
        return Head(count: count, sequence: Int64.fromDatabaseValue(last[0]) ?? 0, hash: String.fromDatabaseValue(last[1]) ?? "")
    }

    /// An entry from a `core_audit` row, without GRDB's trapping conversions (a hand-edited value
    /// reads as empty).
    public static func entry(from row: Row) -> Entry {
        func text(_ column: String) -> String? { String.fromDatabaseValue(row[column] as DatabaseValue) }
        return Entry(
            sequence: Int64.fromDatabaseValue(row["seq"] as DatabaseValue) ?? 0,
            at: Date.fromDatabaseValue(row["at"] as DatabaseValue) ?? Date(timeIntervalSince1970: 0),
            actor: text("actor") ?? "",
            actorLevel: text("actor_level") ?? "",
            actorRole: text("actor_role"),
            kioskID: text("kiosk_id"),
            action: text("action") ?? "",
            childID: text("child_id"),
            applicationID: text("application_id"),
            outcome: text("outcome") ?? ""
        )
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
