public import GRPCCore
import KioskDomain
public import KioskPluginKit
import KioskRecords
public import KioskProtos

/// `kiosk.core.v1.WorkList`: the items plugins raise on children, per jurisdiction.
public struct WorkListService: Kiosk_Core_V1_WorkList.SimpleServiceProtocol {
    private let store: PluginStore
    private let workList: any WorkList

    /// Creates the service.
    public init(store: PluginStore, core: CoreServices) {
        self.store = store
        self.workList = core.workList
    }

    public func listWorkItems(
        request: Kiosk_Core_V1_ListWorkItemsRequest,
        context: ServerContext
    ) async throws -> Kiosk_Core_V1_ListWorkItemsResponse {
        let actor = try CoreActor.currentWorker()
        let division = try ChildMessages.jurisdiction(request.division)
        let pageSize = try ChildMessages.pageSize(request.pageSize)
        let workList = self.workList
        return try await self.store.write { db in
            let page = try workList.list(
                division: division, includeResolved: request.includeResolved, pageSize: pageSize,
                pageToken: request.pageToken.isEmpty ? nil : request.pageToken, in: db, actor: actor
            )
            var response = Kiosk_Core_V1_ListWorkItemsResponse()
            response.items = page.items.map(ApplicationMessages.wire)
            response.nextPageToken = page.nextPageToken ?? ""
            return response
        }
    }

    public func resolveWorkItem(
        request: Kiosk_Core_V1_ResolveWorkItemRequest,
        context: ServerContext
    ) async throws -> Kiosk_Core_V1_ResolveWorkItemResponse {
        let actor = try CoreActor.currentWorker()
        let workList = self.workList
        return try await self.store.write { db in
            var response = Kiosk_Core_V1_ResolveWorkItemResponse()
            response.item = ApplicationMessages.wire(try workList.resolve(request.itemID, resolution: request.resolution, in: db, actor: actor))
            return response
        }
    }
}
