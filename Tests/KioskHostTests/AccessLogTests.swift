import EchoPlugin
import GRDB
import GRPCCore
import KioskHost
import KioskStore
import KioskProtos
import KioskRecords
import KioskTesting
import Testing

@Suite("Who processed a child's data (Audit/ListAccess)")
struct AccessLogTests {
    static func listAccess(_ county: TestCounty, _ childID: String, as who: TestCounty.Who, pageSize: UInt32 = 0, token: String = "")
        async throws -> Kiosk_Core_V1_ListAccessResponse
    {
        try await county.as(who) { client in
            var request = Kiosk_Core_V1_ListAccessRequest()
            request.childID = childID
            request.pageSize = pageSize
            request.pageToken = token
            return try await Kiosk_Core_V1_Audit.Client(wrapping: client).listAccess(request)
        }
    }

    @Test("county officers get every read and change with worker, role, kiosk, action and time; the answer is itself audited")
    func officer() async throws {
        try await CoreCounty.with { county in
            let child = try await county.registerChild("王小莲")
            _ = try await county.getChild(child.childID, as: .supervisorA)
            _ = await rpcCode { _ = try await county.getChild(child.childID, as: .directorB1) }
            let answer = try await Self.listAccess(county, child.childID, as: .officer)
            let lines = answer.entries.map { "\($0.actor) \($0.role) \($0.level) \($0.action) \($0.outcome)" }
            #expect(
                lines == [
                    "directorB1 village-director village children.get not-found",
                    "supervisorA township-supervisor township children.get ok",
                    "directorA1 village-director village children.register ok",
                ]
            )
            #expect(answer.entries.allSatisfy { $0.kioskID == county.kiosk.id && $0.atUnix > 0 })
            let again = try await Self.listAccess(county, child.childID, as: .officer)
            #expect(again.entries.first.map { "\($0.actor) \($0.action) \($0.outcome)" } == "officer audit.list-access 3 results")
        }
    }

    @Test("everyone below the county is refused, and the refusal is audited; another county gets NOT_FOUND")
    func refused() async throws {
        try await CoreCounty.with { county in
            let child = try await county.registerChild("王小莲")
            for who in [TestCounty.Who.directorA1, .supervisorA, .operatorWorker] {
                let error = await rpcError { _ = try await Self.listAccess(county, child.childID, as: who) }
                #expect(error?.code == .permissionDenied && error?.message.contains("county officers only") == true, "\(who)")
            }
            #expect(await rpcCode { _ = try await Self.listAccess(county, child.childID, as: .otherCountyOfficer) } == .notFound)
            #expect(await rpcCode { _ = try await Self.listAccess(county, "", as: .officer) } == .invalidArgument)
            let refusals = try await county.host.host.database.read { db in
                try AuditLog.entries(in: db).filter { $0.action == "audit.list-access" }.map { "\($0.actor) \($0.outcome)" }
            }
            #expect(refusals == ["directorA1 denied", "supervisorA denied", "operatorWorker denied", "otherCountyOfficer not-found"])
        }
    }

    @Test("pages run from the newest entry back, by token")
    func paging() async throws {
        try await CoreCounty.with { county in
            let child = try await county.registerChild("王小莲")
            for _ in 0..<4 { _ = try await county.getChild(child.childID, as: .directorA1) }
            let first = try await Self.listAccess(county, child.childID, as: .officer, pageSize: 3)
            #expect(first.entries.count == 3 && !first.nextPageToken.isEmpty)
            let second = try await Self.listAccess(county, child.childID, as: .officer, pageSize: 3, token: first.nextPageToken)
            #expect(second.entries.map(\.action) == ["children.get", "children.register"])
            #expect(second.nextPageToken.isEmpty)
            #expect(Set(first.entries.map(\.sequence)).isDisjoint(with: second.entries.map(\.sequence)))
            let foreign = await rpcCode { _ = try await Self.listAccess(county, child.childID, as: .officer, token: "bm90LWEtbnVtYmVy") }
            #expect(foreign == .invalidArgument)
        }
    }
}
