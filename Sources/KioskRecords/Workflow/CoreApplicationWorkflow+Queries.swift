import KioskStore
public import KioskPluginKit
import Foundation
public import GRDB
import GRPCCore
import KioskDomain

extension CoreApplicationWorkflow {
    /// Applications in the actor's jurisdiction, by id, without payload and history.
    public func list(_ query: ApplicationQuery, in db: Database, actor: CoreActor) throws -> (applications: [ApplicationRecord], nextPageToken: String?) {
        let unconfined = SQLGuard.suspend(db)
        defer { unconfined.restore() }
        try self.grants.require(.applications)
        try CoreChildRegistry.checkRole(actor, in: db, at: self.clock.now(), action: "applications.list", childID: query.childID)
        guard (1...100).contains(query.pageSize) else { throw invalid("page_size must be 1 to 100") }
        let range = try ChildSearch.villageRange(actor: actor, division: nil)
        var sql = "SELECT * FROM core_application WHERE village BETWEEN ? AND ?"
        var arguments: StatementArguments = [range.lowest, range.highest]
        if let childID = query.childID {
            sql += " AND child_id = ?"
            _ = arguments.append(contentsOf: [childID])
        }
        if let state = query.state {
            sql += " AND state = ?"
            _ = arguments.append(contentsOf: [state.rawValue])
        }
        if let prefix = query.kindPrefix, !prefix.isEmpty {
            sql += " AND substr(kind, 1, ?) = ?"
            _ = arguments.append(contentsOf: [prefix.count, prefix])
        }
        if let token = query.pageToken, !token.isEmpty {
            let after = try PageToken.decode(token, parts: 1)
            sql += " AND application_id > ?"
            _ = arguments.append(contentsOf: [after[0]])
        }
        sql += " ORDER BY application_id LIMIT ?"
        _ = arguments.append(contentsOf: [query.pageSize + 1])
        let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
        let page = try rows.prefix(query.pageSize).map { try Self.record(from: $0, history: []) }
        try AuditLog.append(
            in: db, at: self.clock.now(), actor: actor, action: "applications.list", childID: query.childID,
            outcome: "\(page.count) results"
        )
        return (page, rows.count > query.pageSize ? page.last.map { PageToken.encode([$0.applicationID]) } : nil)
    }

    /// Up to `limit` events after `cursor` for applications in the actor's jurisdiction, oldest first.
    public func events(after cursor: Int64, limit: Int, in db: Database, actor: CoreActor) throws -> [ApplicationEvent] {
        let unconfined = SQLGuard.suspend(db)
        defer { unconfined.restore() }
        try self.grants.require(.applications)
        let range = try ChildSearch.villageRange(actor: actor, division: nil)
        return try Row.fetchAll(
            db,
            sql: "SELECT * FROM core_application_event WHERE cursor > ? AND village BETWEEN ? AND ? ORDER BY cursor LIMIT ?",
            arguments: [cursor, range.lowest, range.highest, limit]
        ).map { row in
            ApplicationEvent(applicationID: row["application_id"], kind: row["kind"], childID: row["child_id"], transition: try Self.transition(from: row))
        }
    }

    /// Runs `body` with a stream that yields when new events may have been committed.
    public func withWakeUps<T: Sendable>(_ body: (AsyncStream<Void>) async throws -> T) async rethrows -> T {
        try await self.events.withWakeUps(body)
    }

    static func fetch(_ applicationID: String, in db: Database) throws -> ApplicationRecord? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM core_application WHERE application_id = ?", arguments: [applicationID]) else {
            return nil
        }
        let history = try Row.fetchAll(
            db,
            sql: "SELECT * FROM core_application_event WHERE application_id = ? ORDER BY cursor",
            arguments: [applicationID]
        ).map(Self.transition(from:))
        return try self.record(from: row, history: history)
    }

    static func record(from row: Row, history: [TransitionRecord]) throws -> ApplicationRecord {
        let checks = try JSONDecoder().decode([CheckResult].self, from: Data((row["checks"] as String).utf8))
        return ApplicationRecord(
            applicationID: row["application_id"],
            kind: row["kind"],
            childID: row["child_id"],
            village: try DivisionCode(row["village"]),
            state: ApplicationState(rawValue: row["state"]) ?? .submitted,
            version: row["version"],
            summary: row["summary"],
            payload: [UInt8](row["payload"] as Data),
            payloadType: row["payload_type"],
            checks: checks,
            history: history
        )
    }

    static func transition(from row: Row) throws -> TransitionRecord {
        let from: String? = row["from_state"]
        let effective: String? = row["effective_date"]
        return TransitionRecord(
            cursor: row["cursor"],
            action: ApplicationAction(rawValue: row["action"]) ?? .submit,
            from: from.flatMap(ApplicationState.init(rawValue:)),
            to: ApplicationState(rawValue: row["to_state"]) ?? .submitted,
            actor: row["actor"],
            actorLevel: row["actor_level"],
            kioskID: row["kiosk_id"],
            reason: row["reason"],
            effectiveDate: try effective.map { try CalendarDate(iso: $0) },
            at: row["at"]
        )
    }
}
