import EchoPlugin
import GRPCCore
import KioskDomain
import KioskPluginKit
import KioskProtos
import KioskTesting
import Testing

@Suite("Every read and write is confined to the caller's jurisdiction")
struct JurisdictionTests {
    /// Which of the four children (villages A1, A2, B1 and another county) each worker sees.
    static let visible: [CoreCounty.Who: Set<String>] = [
        .directorA1: ["A1"],
        .directorA2: ["A2"],
        .directorB1: ["B1"],
        .supervisorA: ["A1", "A2"],
        .supervisorB: ["B1"],
        .officer: ["A1", "A2", "B1"],
        .otherCountyOfficer: ["X"],
        .operatorWorker: [],
    ]

    @Test("each role against each jurisdiction: get, search, counts, plugin reads, visits and updates", arguments: CoreCounty.Who.allCases)
    func matrix(who: CoreCounty.Who) async throws {
        try await CoreCounty.with { county in
            _ = try await county.host.addWorker("director-x", role: .villageDirector, jurisdiction: "530103001001", pin: "135790")
            let placed: [String: Kiosk_Core_V1_Child] = [
                "A1": try await county.register(childDetails("王一", village: CoreCounty.villageA1), as: .directorA1),
                "A2": try await county.register(childDetails("王二", village: CoreCounty.villageA2), as: .directorA2),
                "B1": try await county.register(childDetails("王三", village: CoreCounty.villageB1), as: .directorB1),
                "X": try await county.register(childDetails("王四", village: "530103001001"), as: .otherCountyOfficer),
            ]
            let expected = Self.visible[who]!
            try await county.as(who) { client in
                let children = Kiosk_Core_V1_Children.Client(wrapping: client)
                let echo = Kiosk_Testing_Echo_V1_Echo.Client(wrapping: client)
                for (place, child) in placed {
                    var get = Kiosk_Core_V1_GetChildRequest()
                    get.childID = child.childID
                    var read = Kiosk_Testing_Echo_V1_ReadChildRequest()
                    read.childID = child.childID
                    var visit = Kiosk_Core_V1_RecordVisitRequest()
                    visit.childID = child.childID
                    visit.visitDate = "2026-11-20"
                    visit.riskLevel = .low
                    let codes = [
                        await rpcCode { _ = try await children.getChild(get) },
                        await rpcCode { _ = try await echo.readChild(read) },
                        await rpcCode { _ = try await children.recordVisit(visit) },
                    ]
                    if who == .operatorWorker {
                        #expect(codes == [.permissionDenied, .permissionDenied, .permissionDenied], "\(place)")
                    } else if expected.contains(place) {
                        #expect(codes == [nil, nil, nil], "\(who) should reach \(place)")
                    } else {
                        #expect(codes == [.notFound, .notFound, .notFound], "\(who) must not reach \(place)")
                    }
                }
                let search = await Result(catching: { try await children.searchChildren(.init()).children.map(\.childID) })
                let overdue = await Result(catching: { try await children.listOverdueVisits(.init()).visits.map(\.child.childID) })
                if who == .operatorWorker {
                    #expect((try? search.get()) == nil)
                    #expect((try? overdue.get()) == nil)
                } else {
                    let ids = Set(expected.map { placed[$0]!.childID })
                    let found = try search.get()
                    let due = try overdue.get()
                    #expect(Set(found) == ids)
                    #expect(Set(found).count == found.count)
                    #expect(Set(due).isSubset(of: ids))
                }
            }
        }
    }

    @Test("a division outside the caller's jurisdiction is refused, not silently empty")
    func divisionOutside() async throws {
        try await CoreCounty.with { county in
            try await county.as(.supervisorA) { client in
                var request = Kiosk_Core_V1_SearchChildrenRequest()
                request.division = CoreCounty.villageB1
                let error = await rpcError { _ = try await Kiosk_Core_V1_Children.Client(wrapping: client).searchChildren(request) }
                #expect(error?.code == .permissionDenied)
                request.division = CoreCounty.villageA2
                _ = try await Kiosk_Core_V1_Children.Client(wrapping: client).searchChildren(request)
            }
        }
    }

    @Test("a village director cannot register a child in, or move a child to, another village")
    func placement() async throws {
        try await CoreCounty.with { county in
            let error = await rpcError { _ = try await county.register(childDetails("王五", village: CoreCounty.villageA2)) }
            #expect(error?.code == .permissionDenied)
            let child = try await county.register(childDetails("王五"))
            try await county.as(.directorA1) { client in
                var update = Kiosk_Core_V1_UpdateChildRequest()
                update.childID = child.childID
                update.expectedVersion = child.version
                update.details = child.details
                update.details.village = CoreCounty.villageA2
                #expect(await rpcCode { _ = try await Kiosk_Core_V1_Children.Client(wrapping: client).updateChild(update) } == .permissionDenied)
            }
        }
    }
}

extension Result where Failure == any Error {
    init(catching body: () async throws -> Success) async {
        do {
            self = .success(try await body())
        } catch {
            self = .failure(error)
        }
    }
}
