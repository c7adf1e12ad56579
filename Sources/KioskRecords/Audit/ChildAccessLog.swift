import KioskStore
public import KioskPluginKit
import Foundation
public import GRDB
import GRPCCore

/// Who processed a child's data: the audit entries that name the child, for county officers.
///
/// The answer PIPL gives a minor's guardian the right to: every read and change of the child's
/// record, with worker, role, kiosk, action and time. Only county officers may ask (everyone else is
/// PERMISSION_DENIED, audited as a refusal); a child outside the county is NOT_FOUND; each answer
/// is itself audited as `audit.list-access`.
public struct ChildAccessLog: Sendable {
    let clock: any WallClock

    /// Creates the log's reader.
    public init(clock: any WallClock) {
        self.clock = clock
    }

    /// One page of the child's entries, newest first.
    public func entries(
        of childID: String,
        pageSize: Int,
        pageToken: String?,
        in db: Database,
        actor: CoreActor
    ) throws -> (entries: [AuditLog.Entry], nextPageToken: String?) {
        let action = "audit.list-access"
        let now = self.clock.now()
        if case .worker(let caller) = actor, caller.role != .countyOfficer {
            throw AuditedRefusal(
                RPCError(code: .permissionDenied, message: "who processed a child's data is answered to county officers only"),
                at: now, actor: actor, action: action, childID: childID, outcome: "denied"
            )
        }
        guard let child = try CoreChildRegistry.fetchChild(childID, in: db), actor.canSee(child.details.village) else {
            throw AuditedRefusal(CoreChildRegistry.notFound(childID), at: now, actor: actor, action: action, childID: childID, outcome: "not-found")
        }
        guard (1...100).contains(pageSize) else { throw invalid("page_size must be 1 to 100") }
        var before = Int64.max
        if let pageToken, !pageToken.isEmpty {
            guard let sequence = Int64(try PageToken.decode(pageToken, parts: 1)[0]) else {
                throw invalid("page_token is not one this server issued; start again without it")
            }
            before = sequence
        }
        let rows = try Row.fetchAll(
            db,
            sql: "SELECT * FROM core_audit WHERE child_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?",
            arguments: [childID, before, pageSize + 1]
        )
        let entries = rows.prefix(pageSize).map(AuditLog.entry(from:))
        try AuditLog.append(in: db, at: now, actor: actor, action: action, childID: childID, outcome: "\(entries.count) results")
        let next = rows.count > pageSize ? entries.last.map { PageToken.encode([String($0.sequence)]) } : nil
        return (entries, next)
    }
}
