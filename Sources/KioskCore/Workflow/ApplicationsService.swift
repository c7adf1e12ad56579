import Foundation
import ServiceLifecycle
public import GRPCCore
import KioskDomain
public import KioskPluginKit
import KioskRecords
public import KioskProtos

/// `kiosk.core.v1.Applications`: reading, moving and following applications of every plugin.
public struct ApplicationsService: Kiosk_Core_V1_Applications.SimpleServiceProtocol {
    /// How many events one read of the event table delivers.
    static let eventBatch = 200
    /// How long a following stream waits for a wake-up before it looks again anyway.
    static let followPoll: Duration = .seconds(15)

    private let store: PluginStore
    private let workflow: any ApplicationWorkflow
    private let clock: any WallClock

    /// Creates the service.
    public init(store: PluginStore, core: CoreServices, clock: any WallClock) {
        self.store = store
        self.workflow = core.applications
        self.clock = clock
    }

    public func getApplication(
        request: Kiosk_Core_V1_GetApplicationRequest,
        context: ServerContext
    ) async throws -> Kiosk_Core_V1_GetApplicationResponse {
        let actor = try CoreActor.currentWorker()
        let workflow = self.workflow
        return try await self.store.write { db in
            var response = Kiosk_Core_V1_GetApplicationResponse()
            let application = try workflow.application(request.applicationID, in: db, actor: actor, action: "applications.get")
            response.application = ApplicationMessages.wire(application, full: true)
            return response
        }
    }

    public func listApplications(
        request: Kiosk_Core_V1_ListApplicationsRequest,
        context: ServerContext
    ) async throws -> Kiosk_Core_V1_ListApplicationsResponse {
        let actor = try CoreActor.currentWorker()
        let query = ApplicationQuery(
            childID: request.childID.isEmpty ? nil : request.childID,
            state: try ApplicationMessages.state(request.state),
            kindPrefix: request.kind.isEmpty ? nil : request.kind,
            pageSize: try ChildMessages.pageSize(request.pageSize),
            pageToken: request.pageToken.isEmpty ? nil : request.pageToken
        )
        let workflow = self.workflow
        return try await self.store.write { db in
            let page = try workflow.list(query, in: db, actor: actor)
            var response = Kiosk_Core_V1_ListApplicationsResponse()
            response.applications = page.applications.map { ApplicationMessages.wire($0, full: false) }
            response.nextPageToken = page.nextPageToken ?? ""
            return response
        }
    }

    public func transitionApplication(
        request: Kiosk_Core_V1_TransitionApplicationRequest,
        context: ServerContext
    ) async throws -> Kiosk_Core_V1_TransitionApplicationResponse {
        let actor = try CoreActor.currentWorker()
        let action = try ApplicationMessages.action(request.action)
        let effective = try ChildMessages.date(request.effectiveDate, field: "effective_date")
        guard request.reason.count <= 1000 else { throw invalid("reason is longer than 1000 characters") }
        let workflow = self.workflow
        return try await self.store.write { db in
            let application = try workflow.transition(
                request.applicationID, action: action, reason: request.reason, effectiveDate: effective,
                expectedVersion: request.expectedVersion == 0 ? nil : request.expectedVersion, in: db, actor: actor
            )
            var response = Kiosk_Core_V1_TransitionApplicationResponse()
            response.application = ApplicationMessages.wire(application, full: true)
            return response
        }
    }

    public func followApplications(
        request: Kiosk_Core_V1_FollowApplicationsRequest,
        response: RPCWriter<Kiosk_Core_V1_ApplicationEvent>,
        context: ServerContext
    ) async throws {
        let actor = try CoreActor.currentWorker()
        if case .worker(let caller) = actor, caller.role == .operator {
            throw RPCError(code: .permissionDenied, message: "operators do not follow applications")
        }
        guard request.afterCursor >= 0 else { throw invalid("after_cursor must not be negative") }
        let workflow = self.workflow
        let now = self.clock.now()
        try await self.store.writeWithoutResponse { db in
            try AuditLog.append(in: db, at: now, actor: actor, action: "applications.follow")
        }
        do {
            // A following stream ends (OK) when the server shuts down; the kiosk resumes from its cursor.
            try await cancelWhenGracefulShutdown {
                try await workflow.withWakeUps { wakeUps in
                    var cursor = request.afterCursor
                    while true {
                        let after = cursor
                        let events = try await self.store.read { db in
                            try workflow.events(after: after, limit: Self.eventBatch, in: db, actor: actor)
                        }
                        for event in events {
                            try await response.write(Self.wire(event))
                            cursor = event.transition.cursor
                        }
                        if events.count == Self.eventBatch { continue }
                        guard request.follow else { return }
                        try Task.checkCancellation()
                        await Self.waitForWakeUp(wakeUps)
                    }
                }
            }
        } catch is CancellationError where request.follow {
            return
        }
    }

    /// Waits until `wakeUps` yields or ``followPoll`` passes, whichever is first.
    static func waitForWakeUp(_ wakeUps: AsyncStream<Void>) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await Task.sleep(for: Self.followPoll) }
            group.addTask {
                for await _ in wakeUps { return }
            }
            await group.next()
            group.cancelAll()
        }
    }

    static func wire(_ event: ApplicationEvent) -> Kiosk_Core_V1_ApplicationEvent {
        var wire = Kiosk_Core_V1_ApplicationEvent()
        wire.cursor = event.transition.cursor
        wire.applicationID = event.applicationID
        wire.kind = event.kind
        wire.childID = event.childID
        wire.transition = ApplicationMessages.wire(event.transition)
        return wire
    }
}
