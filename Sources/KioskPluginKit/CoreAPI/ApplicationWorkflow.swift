public import GRDB
import GRPCCore
public import KioskDomain
public import SwiftProtobuf

/// The one workflow every plugin's applications go through: storing, routing, auditing.
///
/// A plugin's service checks its own payload and calls ``submit(kind:childID:summary:payload:checks:in:actor:)``
/// inside its write; reviewers move applications with ``transition(_:action:reason:effectiveDate:expectedVersion:in:actor:)``
/// (the core's `Applications` service, or a plugin acting on its own). Every step is an event that
/// kiosks follow by cursor. The state table is in `docs/WORKFLOW.md`.
///
/// A plugin reaches it as `context.core.applications` after declaring
/// ``CoreDataAccess/applications`` in its metadata.
public protocol ApplicationWorkflow: Sendable {
    /// Submits an application of the plugin's `kind` (e.g. `orphan-basic-living`; stored as
    /// `<plugin id>.<kind>`) for a child in the actor's jurisdiction.
    ///
    /// When a check failed, nothing is stored and the call fails with FAILED_PRECONDITION listing
    /// the failed checks in plain words.
    func submit(
        kind: String,
        childID: String,
        summary: String,
        payload: some SwiftProtobuf.Message,
        checks: [CheckResult],
        in db: Database,
        actor: CoreActor
    ) throws -> ApplicationRecord

    /// Takes `action` on an application in the actor's jurisdiction.
    ///
    /// FAILED_PRECONDITION naming the current state when the action is not allowed from it;
    /// PERMISSION_DENIED for the wrong role; ABORTED when `expectedVersion` is stale.
    func transition(
        _ applicationID: String,
        action: ApplicationAction,
        reason: String,
        effectiveDate: CalendarDate?,
        expectedVersion: Int64?,
        in db: Database,
        actor: CoreActor
    ) throws -> ApplicationRecord

    /// The application, if the actor may see its child's village. Audited as `action`.
    func application(_ applicationID: String, in db: Database, actor: CoreActor, action: String) throws -> ApplicationRecord

    /// Applications in the actor's jurisdiction, by id, without payload and history.
    func list(_ query: ApplicationQuery, in db: Database, actor: CoreActor) throws -> (applications: [ApplicationRecord], nextPageToken: String?)

    /// Up to `limit` events after `cursor` for applications in the actor's jurisdiction, oldest first.
    func events(after cursor: Int64, limit: Int, in db: Database, actor: CoreActor) throws -> [ApplicationEvent]

    /// Runs `body` with a stream that yields when new events may have been committed.
    func withWakeUps<T: Sendable>(_ body: (AsyncStream<Void>) async throws -> T) async rethrows -> T
}

extension ApplicationWorkflow {
    /// Decodes the payload of one of the plugin's applications.
    public func payload<Payload: SwiftProtobuf.Message>(of application: ApplicationRecord, as type: Payload.Type) throws -> Payload {
        guard application.payloadType == Payload.protoMessageName else {
            throw RPCError(code: .internalError, message: "application \(application.applicationID) holds \(application.payloadType)")
        }
        return try Payload(serializedBytes: application.payload)
    }
}
