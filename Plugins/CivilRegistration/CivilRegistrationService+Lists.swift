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
        let children = self.core.children
        return try await self.store.write { db in
            let withCases = try CaseTable.childIDsWithCases(in: db)
            var response = Kiosk_Plugins_Civilregistration_V1_ListUnregisteredWithoutCaseResponse()
            var token: String?
            repeat {
                let page = try children.search(
                    ChildQuery(category: .unregistered, pageSize: 100, pageToken: token), in: db, actor: actor,
                    action: "civil-registration.list-unregistered"
                )
                for child in page.children where !withCases.contains(child.childID) {
                    var entry = Kiosk_Plugins_Civilregistration_V1_UnregisteredChild()
                    entry.childID = child.childID
                    entry.name = child.details.name
                    entry.birthDate = child.details.birthDate.isoString
                    entry.village = child.details.village.digits
                    response.children.append(entry)
                }
                token = page.nextPageToken
            } while token != nil
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
        let days = request.moreThanDays == 0 ? self.policeWaitDays : Int(request.moreThanDays)
        guard days <= 3650 else { throw invalid("more_than_days \(days) must be at most 3650") }
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
