import KioskStore
public import KioskPluginKit
import Foundation
public import GRDB
import GRPCCore
import KioskDomain

/// The one way to children's records, for the core's services and for plugins.
///
/// Every function takes the acting ``CoreActor`` and confines what it reads and writes to the
/// actor's jurisdiction; a record outside it is reported exactly like a record that does not exist.
/// Every read or change of a child's record appends an ``AuditLog`` entry in the same transaction,
/// so functions that read also need a write transaction (`PluginStore.write`).
public struct CoreChildRegistry: ChildRegistry {
    let grants: CoreGrants
    let clock: any WallClock

    /// Creates the registry for the holder of `grants`.
    public init(grants: CoreGrants, clock: any WallClock) {
        self.grants = grants
        self.clock = clock
    }

    /// The child `childID`, if `actor` may see it; NOT_FOUND otherwise. Audited as `action`.
    public func child(_ childID: String, in db: Database, actor: CoreActor, action: String) throws -> ChildRecord {
        let unconfined = SQLGuard.suspend(db)
        defer { unconfined.restore() }
        try self.grants.require(.childRegistry)
        try Self.checkRole(actor, in: db, at: self.clock.now(), action: action, childID: childID)
        guard let record = try Self.fetchChild(childID, in: db), actor.canSee(record.details.village) else {
            throw AuditedRefusal(Self.notFound(childID), at: self.clock.now(), actor: actor, action: action, childID: childID, outcome: "not-found")
        }
        try AuditLog.append(in: db, at: self.clock.now(), actor: actor, action: action, childID: childID)
        return record
    }

    /// Children matching `query` that `actor` may see, one page at a time. Audited as
    /// `children.search` with the number of results (never the query, which may be a name).
    public func search(_ query: ChildQuery, in db: Database, actor: CoreActor, action: String) throws -> ChildPage {
        let unconfined = SQLGuard.suspend(db)
        defer { unconfined.restore() }
        try self.grants.require(.childRegistry)
        try Self.checkRole(actor, in: db, at: self.clock.now(), action: action, childID: nil)
        let page = try ChildSearch(query: query, actor: actor, holder: self.grants.holder).run(in: db)
        try AuditLog.append(in: db, at: self.clock.now(), actor: actor, action: action, outcome: "\(page.children.count) results")
        return page
    }

    /// Operators run the server; they do not read or change children's records.
    static func checkRole(_ actor: CoreActor, in db: Database, at date: Date, action: String, childID: String?) throws {
        guard case .worker(let caller) = actor, caller.role == .operator else { return }
        throw AuditedRefusal(
            RPCError(code: .permissionDenied, message: "operators do not read or change children's records"),
            at: date, actor: actor, action: action, childID: childID, outcome: "denied"
        )
    }

    static func notFound(_ childID: String) -> RPCError {
        RPCError(code: .notFound, message: "no child '\(childID)' in your jurisdiction")
    }

    static func fetchChild(_ childID: String, in db: Database) throws -> ChildRecord? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM core_child WHERE child_id = ?", arguments: [childID]) else {
            return nil
        }
        var record = try ChildRow.record(from: row)
        record.details.categories = try ChildRow.categories(of: childID, in: db)
        record.details.caregivers = try ChildRow.caregivers(of: childID, in: db)
        return record
    }
}
