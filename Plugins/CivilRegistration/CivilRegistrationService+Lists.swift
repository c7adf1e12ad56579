import GRDB
import GRPCCore
import KioskDomain
import KioskPluginKit

extension CivilRegistrationService {
    func listUnregisteredWithoutCase(
        request: Kiosk_Plugins_Civilregistration_V1_ListUnregisteredWithoutCaseRequest,
        context: ServerContext
    ) async throws -> Kiosk_Plugins_Civilregistration_V1_ListUnregisteredWithoutCaseResponse {
        let actor = try CoreActor.currentWorker()
        let pageSize = request.pageSize == 0 ? 50 : Int(try RequestField.integer(request.pageSize, field: "page_size", in: 1...100))
        let query = ChildQuery(
            category: .unregistered, pluginRecords: .without(table: CaseTable.openCaseView), pageSize: pageSize,
            pageToken: request.pageToken.isEmpty ? nil : request.pageToken
        )
        let children = self.core.children
        return try await self.store.write { db in
            let page = try children.search(query, in: db, actor: actor, action: "civil-registration.list-unregistered")
            var response = Kiosk_Plugins_Civilregistration_V1_ListUnregisteredWithoutCaseResponse()
            response.children = page.children.map { child in
                var entry = Kiosk_Plugins_Civilregistration_V1_UnregisteredChild()
                entry.childID = child.childID
                entry.name = child.details.name
                entry.birthDate = child.details.birthDate.isoString
                entry.village = child.details.village.digits
                return entry
            }
            response.nextPageToken = page.nextPageToken ?? ""
            return response
        }
    }

    func listWaitingOnPolice(
        request: Kiosk_Plugins_Civilregistration_V1_ListWaitingOnPoliceRequest,
        context: ServerContext
    ) async throws -> Kiosk_Plugins_Civilregistration_V1_ListWaitingOnPoliceResponse {
        let caller = try Caller.required()
        guard caller.role != .operator else {
            throw RPCError(code: .permissionDenied, message: "operators do not read or change children's records")
        }
        let asked = Int(try RequestField.integer(request.moreThanDays, field: "more_than_days", in: 0...3650))
        let days = asked == 0 ? self.policeWaitDays : asked
        // Waiting more than `days` days: sent on or before today − days − 1.
        let sentBy = self.clock.today().adding(days: -(days + 1))
        let cases = try await self.store.read { db in
            try CaseTable.withPolice(villages: caller.jurisdiction.villageRange, sentBy: sentBy, in: db)
        }
        var response = Kiosk_Plugins_Civilregistration_V1_ListWaitingOnPoliceResponse()
        response.cases = cases.map(ProtoCase.init)
        response.moreThanDays = UInt32(days)
        return response
    }
}
