import Foundation
public import GRPCCore
import KioskDomain
public import KioskPluginKit
import KioskRecords
public import KioskProtos

/// `kiosk.core.v1.Audit`: who processed a child's data, for county officers (``ChildAccessLog``).
public struct AuditService: Kiosk_Core_V1_Audit.SimpleServiceProtocol {
    private let store: PluginStore
    private let log: ChildAccessLog

    /// Creates the service.
    public init(store: PluginStore, clock: any WallClock) {
        self.store = store
        self.log = ChildAccessLog(clock: clock)
    }

    public func listAccess(
        request: Kiosk_Core_V1_ListAccessRequest,
        context: ServerContext
    ) async throws -> Kiosk_Core_V1_ListAccessResponse {
        let actor = try CoreActor.currentWorker()
        let childID = try RequestField.id(request.childID, field: "child_id")
        let pageSize = try ChildMessages.pageSize(request.pageSize)
        let log = self.log
        return try await self.store.write { db in
            let page = try log.entries(
                of: childID, pageSize: pageSize, pageToken: request.pageToken.isEmpty ? nil : request.pageToken, in: db, actor: actor
            )
            var response = Kiosk_Core_V1_ListAccessResponse()
            response.entries = page.entries.map(Self.wire)
            response.nextPageToken = page.nextPageToken ?? ""
            return response
        }
    }

    static func wire(_ entry: AuditLog.Entry) -> Kiosk_Core_V1_AccessEntry {
        var wire = Kiosk_Core_V1_AccessEntry()
        wire.sequence = entry.sequence
        wire.atUnix = Int64(entry.at.timeIntervalSince1970)
        wire.actor = entry.actor
        wire.role = entry.actorRole ?? ""
        wire.level = entry.actorLevel
        wire.kioskID = entry.kioskID ?? ""
        wire.action = entry.action
        wire.applicationID = entry.applicationID ?? ""
        wire.outcome = entry.outcome
        return wire
    }
}
