import KioskStore
public import KioskPluginKit
import Foundation
public import GRDB
import GRPCCore
public import KioskDomain
public import SwiftProtobuf

/// The one workflow every plugin's applications go through: storing, routing, auditing.
///
/// A plugin's service checks its own payload and calls ``submit(kind:childID:summary:payload:checks:in:actor:)``
/// inside its write; reviewers move applications with ``transition(_:action:reason:effectiveDate:expectedVersion:in:actor:)``
/// (the core's `Applications` service, or a plugin acting on its own). Every step is an event that
/// kiosks follow by cursor.
public struct CoreApplicationWorkflow: ApplicationWorkflow {
    let grants: CoreGrants
    let clock: any WallClock
    let registry: CoreChildRegistry
    let events: ApplicationEvents
    let hooks: ApplicationHookTable
    let consent: CoreConsentRegistry

    /// Creates the workflow for the holder of `grants`; `consent` checks the consent each kind needs.
    public init(grants: CoreGrants, clock: any WallClock, events: ApplicationEvents, hooks: ApplicationHookTable, consent: CoreConsentRegistry) {
        self.grants = grants
        self.clock = clock
        self.registry = CoreChildRegistry(grants: CoreGrants(holder: grants.holder, access: [.childRegistry]), clock: clock)
        self.events = events
        self.hooks = hooks
        self.consent = consent
    }

    /// Submits an application of the plugin's `kind` (e.g. `orphan-basic-living`; stored as
    /// `<plugin id>.<kind>`) for a child in the actor's jurisdiction.
    ///
    /// When a check failed, nothing is stored and the call fails with FAILED_PRECONDITION listing
    /// the failed checks in plain words. When the kind's declaration names a consent
    /// (``ApplicationKindDeclaration/consent``) and the child has none in force, the call fails with
    /// FAILED_PRECONDITION naming the purpose and the child, unless an urgent override is waiting to
    /// be used; the submission then uses it up. The one place consent is enforced.
    public func submit(
        kind: String,
        childID: String,
        summary: String,
        payload: some SwiftProtobuf.Message,
        checks: [CheckResult],
        in db: Database,
        actor: CoreActor
    ) throws -> ApplicationRecord {
        let unconfined = SQLGuard.suspend(db)
        defer { unconfined.restore() }
        try self.grants.require(.applications)
        let fullKind = self.grants.holder == CoreGrants.core.holder ? kind : "\(self.grants.holder).\(kind)"
        let child = try self.registry.child(childID, in: db, actor: actor, action: "applications.submit")
        if case .worker(let caller) = actor, !WorkflowRules.levels(for: .submit, from: .submitted).contains(caller.role.level) {
            throw RPCError(code: .permissionDenied, message: "applications are submitted by village or township workers")
        }
        let clearance = try self.consent.clearance(forKind: kind, of: self.grants.holder, childID: childID, in: db, actor: actor)
        let failed = checks.filter { !$0.passed }
        guard failed.isEmpty else {
            throw RPCError(
                code: .failedPrecondition,
                message: "not eligible: " + failed.map { "\($0.rule): \($0.explanation)" }.joined(separator: "; ")
            )
        }
        let now = self.clock.now()
        let applicationID = RecordID.make("A")
        let checksJSON = String(decoding: try JSONEncoder().encode(checks), as: UTF8.self)
        try db.execute(
            sql: """
                INSERT INTO core_application (application_id, kind, child_id, village, state, version, summary, payload,
                    payload_type, checks, submitted_at, updated_at)
                VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                applicationID, fullKind, childID, child.details.village.digits, ApplicationState.submitted.rawValue,
                summary, Data(try payload.serializedBytes() as [UInt8]), type(of: payload).protoMessageName, checksJSON, now, now,
            ]
        )
        var reason = ""
        if case .override(let overrideID) = clearance {
            try self.consent.use(override: overrideID, for: applicationID, childID: childID, in: db, actor: actor)
            reason = "urgent override \(overrideID)"
        }
        try self.recordEvent(
            applicationID: applicationID, kind: fullKind, childID: childID, village: child.details.village,
            action: .submit, from: nil, to: .submitted, actor: actor, reason: reason, effectiveDate: nil, in: db
        )
        return try Self.fetch(applicationID, in: db)!
    }

    /// Takes `action` on an application in the actor's jurisdiction.
    ///
    /// FAILED_PRECONDITION naming the current state when the action is not allowed from it;
    /// PERMISSION_DENIED for the wrong role; ABORTED when `expectedVersion` is stale.
    public func transition(
        _ applicationID: String,
        action: ApplicationAction,
        reason: String,
        effectiveDate: CalendarDate?,
        expectedVersion: Int64?,
        in db: Database,
        actor: CoreActor
    ) throws -> ApplicationRecord {
        let unconfined = SQLGuard.suspend(db)
        defer { unconfined.restore() }
        try self.grants.require(.applications)
        let application = try self.application(applicationID, in: db, actor: actor, action: "applications.\(action.rawValue)")
        if let expectedVersion, expectedVersion != application.version {
            throw RPCError(
                code: .aborted,
                message: "application \(applicationID) is at version \(application.version), not \(expectedVersion); read it again"
            )
        }
        if case .worker(let caller) = actor, caller.role == .operator {
            throw RPCError(code: .permissionDenied, message: "operators do not decide applications")
        }
        let level: Jurisdiction.Level? = if case .worker(let caller) = actor { caller.role.level } else { nil }
        let target: ApplicationState
        switch WorkflowRules.decide(action, from: application.state, level: level, reason: reason) {
        case .success(let state): target = state
        case .failure(.notFromState(let action, let state)):
            throw RPCError(code: .failedPrecondition, message: WorkflowRules.Refusal.notFromState(action, state).description)
        case .failure(let refusal) where refusal == .reasonRequired(action):
            throw RPCError(code: .invalidArgument, message: refusal.description)
        case .failure(let refusal):
            throw RPCError(code: .permissionDenied, message: refusal.description)
        }
        let change = ApplicationChange(
            application: application, action: action, to: target, actor: actor,
            reason: reason, effectiveDate: effectiveDate ?? self.clock.today()
        )
        let hooks = self.hooks.hooks(for: application.pluginID)
        try Self.confined(db, to: application.pluginID) { try hooks?.willTransition(change, in: db) }
        try db.execute(
            sql: "UPDATE core_application SET state = ?, version = version + 1, updated_at = ? WHERE application_id = ?",
            arguments: [target.rawValue, self.clock.now(), applicationID]
        )
        try self.recordEvent(
            applicationID: applicationID, kind: application.kind, childID: application.childID, village: application.village,
            action: action, from: application.state, to: target, actor: actor, reason: reason, effectiveDate: effectiveDate, in: db
        )
        try Self.confined(db, to: application.pluginID) { try hooks?.didTransition(change, in: db) }
        return try Self.fetch(applicationID, in: db)!
    }

    /// The application, if the actor may see its child's village. Audited as `action`.
    public func application(_ applicationID: String, in db: Database, actor: CoreActor, action: String) throws -> ApplicationRecord {
        let unconfined = SQLGuard.suspend(db)
        defer { unconfined.restore() }
        try self.grants.require(.applications)
        let now = self.clock.now()
        try CoreChildRegistry.checkRole(actor, in: db, at: now, action: action, childID: nil)
        guard let application = try Self.fetch(applicationID, in: db), actor.canSee(application.village) else {
            throw AuditedRefusal(
                RPCError(code: .notFound, message: "no application '\(applicationID)' in your jurisdiction"),
                at: now, actor: actor, action: action, childID: nil, applicationID: applicationID, outcome: "not-found"
            )
        }
        try AuditLog.append(in: db, at: now, actor: actor, action: action, childID: application.childID, applicationID: applicationID)
        return application
    }

    /// Runs a plugin's hook confined to the plugin's tables; a refused statement is INTERNAL naming it.
    private static func confined(_ db: Database, to pluginID: String, _ hook: () throws -> Void) throws {
        do {
            try SQLGuard.confine(db, toTablesPrefixed: PluginMetadata.tablePrefix(of: pluginID), hook)
        } catch let violation as SQLGuardViolation {
            throw RPCError(code: .internalError, message: "application hooks of plugin '\(pluginID)': \(violation)")
        }
    }

    private func recordEvent(
        applicationID: String, kind: String, childID: String, village: DivisionCode, action: ApplicationAction,
        from: ApplicationState?, to: ApplicationState, actor: CoreActor, reason: String, effectiveDate: CalendarDate?,
        in db: Database
    ) throws {
        try db.execute(
            sql: """
                INSERT INTO core_application_event (application_id, kind, child_id, village, action, from_state, to_state,
                    actor, actor_level, kiosk_id, reason, effective_date, at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                applicationID, kind, childID, village.digits, action.rawValue, from?.rawValue, to.rawValue,
                actor.name, actor.level, actor.kioskID, reason, effectiveDate?.isoString, self.clock.now(),
            ]
        )
        let events = self.events
        db.afterNextTransaction { _ in events.notify() }
    }
}
