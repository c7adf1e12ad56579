import KioskStore
public import KioskPluginKit
import Foundation
public import GRDB
import GRPCCore
public import KioskDomain

extension CoreConsentRegistry {
    /// Records an urgent override: one submission for the child that needs `purpose` may go through
    /// without the consent, within ``overrideValidity``. Township supervisors and county officers
    /// only; a reason is required; FAILED_PRECONDITION when the consent is in force (no override is
    /// needed). The override is listed for county review until a county officer reviews it.
    public func recordOverride(childID: String, purpose: ConsentPurpose, reason: String, in db: Database, actor: CoreActor) throws -> UrgentOverride {
        let unconfined = SQLGuard.suspend(db)
        defer { unconfined.restore() }
        try self.grants.require(.consent)
        let action = "consent.record-urgent-override"
        let child = try self.visibleChild(childID, in: db, actor: actor, action: action)
        if case .worker(let caller) = actor, ![.townshipSupervisor, .countyOfficer].contains(caller.role) {
            throw AuditedRefusal(
                RPCError(code: .permissionDenied, message: "urgent overrides are recorded by township supervisors and county officers"),
                at: self.clock.now(), actor: actor, action: action, childID: childID, outcome: "denied"
            )
        }
        let reason = try RequestField.text(reason, field: "reason", maximumLength: 1000)
        if let consent = try ConsentRows.inForce(purpose, childID: childID, on: self.clock.today(), in: db) {
            throw RPCError(code: .failedPrecondition, message: "child \(childID) has consent \(consent.consentID) for \(purpose) in force: no override is needed")
        }
        let now = self.clock.now()
        let validUntil = now.addingTimeInterval(TimeInterval(self.overrideValidity.components.seconds))
        let overrideID = RecordID.make("O")
        try db.execute(
            sql: """
                INSERT INTO core_consent_override (override_id, child_id, village, purpose, reason, recorded_by, recorded_at, valid_until)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [overrideID, childID, child.details.village.digits, purpose.id, reason, actor.name, now, validUntil]
        )
        try AuditLog.append(in: db, at: now, actor: actor, action: action, childID: childID)
        return try Self.fetchOverride(overrideID, in: db)!
    }

    /// Overrides in the actor's jurisdiction (or `division` inside it), oldest first; without
    /// `includeReviewed` only those still waiting for county review. Township and county workers.
    public func overrides(
        division: Jurisdiction?,
        includeReviewed: Bool,
        pageSize: Int,
        pageToken: String?,
        in db: Database,
        actor: CoreActor
    ) throws -> (overrides: [UrgentOverride], nextPageToken: String?) {
        let unconfined = SQLGuard.suspend(db)
        defer { unconfined.restore() }
        try self.grants.require(.consent)
        let action = "consent.list-urgent-overrides"
        try CoreChildRegistry.checkRole(actor, in: db, at: self.clock.now(), action: action, childID: nil)
        if case .worker(let caller) = actor, caller.role == .villageDirector {
            throw RPCError(code: .permissionDenied, message: "urgent overrides are listed for township and county workers")
        }
        guard (1...100).contains(pageSize) else { throw invalid("page_size must be 1 to 100") }
        let offset = try PageToken.offset(pageToken)
        let range = try actor.villageRange(division)
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT * FROM core_consent_override WHERE village BETWEEN ? AND ? AND (? OR reviewed_at IS NULL)
                ORDER BY recorded_at, override_id LIMIT ? OFFSET ?
                """,
            arguments: [range.lowest, range.highest, includeReviewed, pageSize + 1, offset]
        )
        let overrides = rows.prefix(pageSize).map(ConsentRows.override(from:))
        try AuditLog.append(in: db, at: self.clock.now(), actor: actor, action: action, outcome: "\(overrides.count) results")
        return (overrides, rows.count > pageSize ? PageToken.encode(offset: offset + pageSize) : nil)
    }

    /// Marks an override reviewed, with the county officer's note. County officers only;
    /// FAILED_PRECONDITION when it was reviewed already.
    public func reviewOverride(_ overrideID: String, note: String, in db: Database, actor: CoreActor) throws -> UrgentOverride {
        let unconfined = SQLGuard.suspend(db)
        defer { unconfined.restore() }
        try self.grants.require(.consent)
        let action = "consent.review-urgent-override"
        let now = self.clock.now()
        try CoreChildRegistry.checkRole(actor, in: db, at: now, action: action, childID: nil)
        let village = try String.fetchOne(db, sql: "SELECT village FROM core_consent_override WHERE override_id = ?", arguments: [overrideID])
        guard let village, let override = try Self.fetchOverride(overrideID, in: db), (try? DivisionCode(village)).map(actor.canSee) == true else {
            throw AuditedRefusal(
                RPCError(code: .notFound, message: "no urgent override '\(overrideID)' in your jurisdiction"),
                at: now, actor: actor, action: action, childID: nil, outcome: "not-found"
            )
        }
        if case .worker(let caller) = actor, caller.role != .countyOfficer {
            throw AuditedRefusal(
                RPCError(code: .permissionDenied, message: "urgent overrides are reviewed by county officers"),
                at: now, actor: actor, action: action, childID: override.childID, outcome: "denied"
            )
        }
        if let reviewer = override.reviewedBy {
            throw RPCError(code: .failedPrecondition, message: "urgent override \(overrideID) was already reviewed by \(reviewer)")
        }
        let note = try RequestField.text(note, field: "note", maximumLength: 1000)
        try db.execute(
            sql: "UPDATE core_consent_override SET reviewed_by = ?, reviewed_at = ?, review_note = ? WHERE override_id = ?",
            arguments: [actor.name, now, note, overrideID]
        )
        try AuditLog.append(in: db, at: now, actor: actor, action: action, childID: override.childID)
        return try Self.fetchOverride(overrideID, in: db)!
    }

    static func fetchOverride(_ overrideID: String, in db: Database) throws -> UrgentOverride? {
        try Row.fetchOne(db, sql: "SELECT * FROM core_consent_override WHERE override_id = ?", arguments: [overrideID]).map(ConsentRows.override(from:))
    }
}
