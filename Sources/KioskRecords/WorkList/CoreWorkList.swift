import KioskStore
public import KioskPluginKit
import Foundation
public import GRDB
import GRPCCore
public import KioskDomain

/// The work list: urgent and routine items on children, per jurisdiction.
public struct CoreWorkList: WorkList {
    let grants: CoreGrants
    let clock: any WallClock
    let registry: CoreChildRegistry

    /// Creates the work list for the holder of `grants`.
    public init(grants: CoreGrants, clock: any WallClock) {
        self.grants = grants
        self.clock = clock
        self.registry = CoreChildRegistry(grants: CoreGrants(holder: grants.holder, access: [.childRegistry]), clock: clock)
    }

    /// Raises an item of the plugin's `kind` on a child; while one of the same kind is open for the
    /// child, that item is updated instead of a second being raised.
    public func raise(kind: String, childID: String, urgency: WorkItem.Urgency, summary: String, in db: Database, actor: CoreActor) throws -> WorkItem {
        let unconfined = SQLGuard.suspend(db)
        defer { unconfined.restore() }
        try self.grants.require(.workList)
        let fullKind = self.grants.holder == CoreGrants.core.holder ? kind : "\(self.grants.holder).\(kind)"
        let child = try self.registry.child(childID, in: db, actor: actor, action: "work-list.raise")
        let now = self.clock.now()
        if let open = try String.fetchOne(
            db,
            sql: "SELECT item_id FROM core_work_item WHERE kind = ? AND child_id = ? AND resolved_at IS NULL",
            arguments: [fullKind, childID]
        ) {
            try db.execute(
                sql: "UPDATE core_work_item SET urgency = ?, summary = ?, raised_at = ?, raised_by = ? WHERE item_id = ?",
                arguments: [urgency.rawValue, summary, now, actor.name, open]
            )
            return try Self.fetch(open, in: db)!
        }
        let itemID = RecordID.make("W")
        try db.execute(
            sql: """
                INSERT INTO core_work_item (item_id, child_id, village, kind, urgency, summary, raised_at, raised_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [itemID, childID, child.details.village.digits, fullKind, urgency.rawValue, summary, now, actor.name]
        )
        return try Self.fetch(itemID, in: db)!
    }

    /// Resolves an item; township supervisors and county officers (or the plugin itself) do this.
    public func resolve(_ itemID: String, resolution: String, in db: Database, actor: CoreActor) throws -> WorkItem {
        let unconfined = SQLGuard.suspend(db)
        defer { unconfined.restore() }
        try self.grants.require(.workList)
        guard let item = try Self.fetch(itemID, in: db), actor.canSee(item.village) else {
            throw RPCError(code: .notFound, message: "no work item '\(itemID)' in your jurisdiction")
        }
        if case .worker(let caller) = actor, ![.townshipSupervisor, .countyOfficer].contains(caller.role) {
            throw RPCError(code: .permissionDenied, message: "work items are resolved by township supervisors and county officers")
        }
        guard item.resolvedAt == nil else {
            throw RPCError(code: .failedPrecondition, message: "work item \(itemID) is already resolved")
        }
        let resolution = resolution.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !resolution.isEmpty, resolution.count <= 1000 else { throw invalid("resolution is required (at most 1000 characters)") }
        try db.execute(
            sql: "UPDATE core_work_item SET resolved_at = ?, resolved_by = ?, resolution = ? WHERE item_id = ?",
            arguments: [self.clock.now(), actor.name, resolution, itemID]
        )
        try AuditLog.append(in: db, at: self.clock.now(), actor: actor, action: "work-list.resolve", childID: item.childID)
        return try Self.fetch(itemID, in: db)!
    }

    /// The open item of the plugin's `kind` on a child, if any.
    public func openItem(kind: String, childID: String, in db: Database) throws -> WorkItem? {
        let unconfined = SQLGuard.suspend(db)
        defer { unconfined.restore() }
        try self.grants.require(.workList)
        let fullKind = self.grants.holder == CoreGrants.core.holder ? kind : "\(self.grants.holder).\(kind)"
        let id = try String.fetchOne(
            db,
            sql: "SELECT item_id FROM core_work_item WHERE kind = ? AND child_id = ? AND resolved_at IS NULL",
            arguments: [fullKind, childID]
        )
        return try id.flatMap { try Self.fetch($0, in: db) }
    }

    /// Items in the actor's jurisdiction (or `division` inside it): urgent first, then oldest first.
    public func list(
        division: Jurisdiction?,
        includeResolved: Bool,
        pageSize: Int,
        pageToken: String?,
        in db: Database,
        actor: CoreActor
    ) throws -> (items: [WorkItem], nextPageToken: String?) {
        let unconfined = SQLGuard.suspend(db)
        defer { unconfined.restore() }
        try self.grants.require(.workList)
        try CoreChildRegistry.checkRole(actor, in: db, at: self.clock.now(), action: "work-list.list", childID: nil)
        guard (1...100).contains(pageSize) else { throw invalid("page_size must be 1 to 100") }
        let offset = try PageToken.offset(pageToken)
        let range = try ChildSearch.villageRange(actor: actor, division: division)
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT * FROM core_work_item WHERE village BETWEEN ? AND ? AND (? OR resolved_at IS NULL)
                ORDER BY resolved_at IS NOT NULL, urgency = 'urgent' DESC, raised_at, item_id LIMIT ? OFFSET ?
                """,
            arguments: [range.lowest, range.highest, includeResolved, pageSize + 1, offset]
        )
        let items = try rows.prefix(pageSize).map(Self.item(from:))
        try AuditLog.append(in: db, at: self.clock.now(), actor: actor, action: "work-list.list", outcome: "\(items.count) results")
        return (items, rows.count > pageSize ? PageToken.encode(offset: offset + pageSize) : nil)
    }

    static func fetch(_ itemID: String, in db: Database) throws -> WorkItem? {
        try Row.fetchOne(db, sql: "SELECT * FROM core_work_item WHERE item_id = ?", arguments: [itemID]).map(self.item(from:))
    }

    static func item(from row: Row) throws -> WorkItem {
        WorkItem(
            itemID: row["item_id"],
            childID: row["child_id"],
            village: try DivisionCode(row["village"]),
            kind: row["kind"],
            urgency: WorkItem.Urgency(rawValue: row["urgency"]) ?? .urgent,
            summary: row["summary"],
            raisedAt: row["raised_at"],
            raisedBy: row["raised_by"],
            resolvedAt: row["resolved_at"],
            resolvedBy: row["resolved_by"],
            resolution: row["resolution"]
        )
    }
}
