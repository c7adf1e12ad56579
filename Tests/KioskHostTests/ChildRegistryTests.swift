import Foundation
import GRPCCore
import KioskDomain
import KioskProtos
import KioskTesting
import Testing

@Suite("The child registry over the wire")
struct ChildRegistryTests {
    @Test("a registered child reads back whole, with pinyin, version 1, and 'unregistered' following hukou status")
    func registerAndGet() async throws {
        try await CoreCounty.with { county in
            let child = try await county.register(
                childDetails("王小莲", hukou: .unregistered, categories: [.leftBehindBothParents])
            )
            #expect(child.namePinyin == "wang xiao lian")
            #expect(child.version == 1)
            #expect(child.details.categories.map(\.kind) == [.leftBehindBothParents, .unregistered])
            let read = try await county.as(.directorA1) { client in
                var request = Kiosk_Core_V1_GetChildRequest()
                request.childID = child.childID
                return try await Kiosk_Core_V1_Children.Client(wrapping: client).getChild(request).child
            }
            #expect(read == child)
        }
    }

    @Test(
        "identity numbers: check character, birth date and sex must agree with the record",
        arguments: [
            (identityNumber(born: "20190423", sequence: 2), "2019-04-23", Kiosk_Core_V1_Sex.female, nil as String?),
            (String(identityNumber(born: "20190423", sequence: 2).dropLast()) + "0", "2019-04-23", .female, "check"),
            (identityNumber(born: "20190424", sequence: 2), "2019-04-23", .female, "birth"),
            (identityNumber(born: "20190423", sequence: 3), "2019-04-23", .female, "sex"),
            ("53010220190423002", "2019-04-23", .female, "18"),
        ]
    )
    func identityNumbers(number: String, born: String, sex: Kiosk_Core_V1_Sex, problem: String?) async throws {
        try await CoreCounty.with { county in
            let error = await rpcError {
                _ = try await county.register(childDetails("李明", born: born, sex: sex, identityNumber: number))
            }
            if let problem {
                #expect(error?.code == .invalidArgument)
                #expect(error?.message.contains("identity_number") == true)
                #expect(error?.message.lowercased().contains(problem) == true, "\(error?.message ?? "")")
            } else {
                #expect(error == nil)
            }
        }
    }

    @Test("bad fields are refused with INVALID_ARGUMENT naming the field")
    func badFields() async throws {
        try await CoreCounty.with { county in
            let cases: [(Kiosk_Core_V1_ChildDetails, String)] = [
                (childDetails(""), "name"),
                (childDetails("王小莲", born: "2027-01-01"), "future"),
                (childDetails("王小莲", born: "2001-01-01"), "18 or older"),
                (childDetails("王小莲", born: "2019-02-30"), "birth_date"),
                (childDetails("王小莲", village: "5301020010"), "village"),
                (childDetails("王小莲", hukou: .unspecified), "hukou_status"),
                (childDetails("王小莲", hukou: .registeredLocal, categories: [.unregistered]), "contradicts"),
                (childDetails("王小莲", categories: [.disability]), "disability_type"),
                (childDetails("王小莲", categories: [.orphan, .orphan]), "twice"),
            ]
            for (details, field) in cases {
                let error = await rpcError { _ = try await county.register(details) }
                #expect(error?.code == .invalidArgument, "\(field)")
                #expect(error?.message.contains(field) == true, "\(field): \(error?.message ?? "")")
            }
        }
    }

    @Test("search by identity number, by characters, by toneless pinyin in any spacing; paged")
    func search() async throws {
        try await CoreCounty.with { county in
            let number = identityNumber(born: "20180102", sequence: 4)
            let lian = try await county.register(childDetails("王小莲"))
            _ = try await county.register(childDetails("王大伟", sex: .male))
            let li = try await county.register(childDetails("李晓华", born: "2018-01-02", identityNumber: number))
            _ = try await county.register(childDetails("张伟", sex: .male, categories: [.orphan]))
            _ = try await county.register(childDetails("刘洋", sex: .male, categories: [.orphan]))
            try await county.as(.directorA1) { client in
                let children = Kiosk_Core_V1_Children.Client(wrapping: client)
                func find(_ query: String, category: Kiosk_Core_V1_CategoryKind = .unspecified) async throws -> [String] {
                    var request = Kiosk_Core_V1_SearchChildrenRequest()
                    request.query = query
                    request.category = category
                    return try await children.searchChildren(request).children.map(\.childID)
                }
                #expect(try await find("wang xiao lian") == [lian.childID])
                #expect(try await find("wangxiaolian") == [lian.childID])
                #expect(try await find("Wáng Xiǎo Lián") == [lian.childID])
                #expect(try await find("xiao lian") == [lian.childID])
                #expect(try await find("小莲") == [lian.childID])
                #expect(try await find("王").count == 2)
                #expect(try await find(number) == [li.childID])
                #expect(try await find(number.lowercased()) == [li.childID])
                #expect(try await find("", category: .orphan).count == 2)
                #expect(try await find("zhou").isEmpty)

                var seen: [String] = []
                var request = Kiosk_Core_V1_SearchChildrenRequest()
                request.pageSize = 2
                repeat {
                    let page = try await children.searchChildren(request)
                    #expect(page.children.count <= 2)
                    seen += page.children.map(\.childID)
                    request.pageToken = page.nextPageToken
                } while !request.pageToken.isEmpty
                #expect(seen.count == 5)
                #expect(Set(seen).count == 5)

                request.pageToken = "not-a-token!"
                let error = await rpcError { _ = try await children.searchChildren(request) }
                #expect(error?.code == .invalidArgument)
                #expect(error?.message.contains("page_token") == true)
                request.pageToken = ""
                request.pageSize = 101
                #expect(await rpcCode { _ = try await children.searchChildren(request) } == .invalidArgument)
            }
        }
    }

    @Test("a likely duplicate returns candidates instead of registering; confirming registers")
    func duplicates() async throws {
        try await CoreCounty.with { county in
            let first = try await county.register(childDetails("王小莲"))
            let response = try await county.as(.directorA1) { client in
                var request = Kiosk_Core_V1_RegisterChildRequest()
                request.details = childDetails("王小莲")
                return try await Kiosk_Core_V1_Children.Client(wrapping: client).registerChild(request)
            }
            guard case .candidates(let list) = response.result else {
                Issue.record("expected candidates, got \(response)")
                return
            }
            #expect(list.candidates.map(\.childID) == [first.childID])
            #expect(list.candidates.first?.reason == "same name and birth date in the township")
            #expect(list.candidates.first?.name == "王小莲")

            let confirmed = try await county.register(childDetails("王小莲"), confirmed: true)
            #expect(confirmed.childID != first.childID)
        }
    }

    @Test("a duplicate in another village of the township is reported without anything that identifies it")
    func duplicateOutsideJurisdiction() async throws {
        try await CoreCounty.with { county in
            _ = try await county.register(childDetails("王小莲", village: CoreCounty.villageA2), as: .directorA2)
            let response = try await county.as(.directorA1) { client in
                var request = Kiosk_Core_V1_RegisterChildRequest()
                request.details = childDetails("汪晓莲")
                return try await Kiosk_Core_V1_Children.Client(wrapping: client).registerChild(request)
            }
            guard case .candidates(let list) = response.result, let candidate = list.candidates.first else {
                Issue.record("expected a candidate, got \(response)")
                return
            }
            #expect(candidate.childID.isEmpty)
            #expect(candidate.name.isEmpty)
            #expect(candidate.village.isEmpty)
            #expect(candidate.birthDate.isEmpty)
            #expect(candidate.reason.hasPrefix("same pinyin and birth date in the township"))
            #expect(candidate.reason.contains("outside your jurisdiction"))
        }
    }

    @Test("the same identity number: candidates inside the jurisdiction, ALREADY_EXISTS when confirmed or outside")
    func duplicateIdentityNumber() async throws {
        try await CoreCounty.with { county in
            let number = identityNumber(born: "20190423", sequence: 2)
            let first = try await county.register(childDetails("王小莲", identityNumber: number))
            let response = try await county.as(.directorA1) { client in
                var request = Kiosk_Core_V1_RegisterChildRequest()
                request.details = childDetails("李红", identityNumber: number)
                return try await Kiosk_Core_V1_Children.Client(wrapping: client).registerChild(request)
            }
            guard case .candidates(let list) = response.result else {
                Issue.record("expected candidates, got \(response)")
                return
            }
            #expect(list.candidates.map(\.childID) == [first.childID])
            #expect(list.candidates.first?.reason == "same identity number")

            let confirmed = await rpcError { _ = try await county.register(childDetails("李红", identityNumber: number), confirmed: true) }
            #expect(confirmed?.code == .alreadyExists)
            #expect(confirmed?.message.contains(first.childID) == true)

            let elsewhere = await rpcError {
                _ = try await county.register(
                    childDetails("李红", village: CoreCounty.villageB1, identityNumber: number),
                    as: .directorB1,
                    confirmed: true
                )
            }
            #expect(elsewhere?.code == .alreadyExists)
            #expect(elsewhere?.message.contains("outside your jurisdiction") == true)
            #expect(elsewhere?.message.contains(first.childID) == false)
        }
    }

    @Test("an update based on a stale version is refused ABORTED with the current version")
    func staleVersion() async throws {
        try await CoreCounty.with { county in
            let child = try await county.register(childDetails("王小莲"))
            try await county.as(.directorA1) { client in
                let children = Kiosk_Core_V1_Children.Client(wrapping: client)
                var update = Kiosk_Core_V1_UpdateChildRequest()
                update.childID = child.childID
                update.expectedVersion = child.version
                update.details = child.details
                update.details.categories = [childDetails("x", categories: [.outOfSchool]).categories[0]]
                let updated = try await children.updateChild(update).child
                #expect(updated.version == 2)
                #expect(updated.details.categories.map(\.kind) == [.outOfSchool])

                update.details.name = "王晓莲"
                let error = await rpcError { _ = try await children.updateChild(update) }
                #expect(error?.code == .aborted)
                #expect(error?.message.contains("current version is 2") == true)
                #expect(error.map { Array($0.metadata[stringValues: "current-version"]) } == ["2"])

                update.expectedVersion = 0
                #expect(await rpcCode { _ = try await children.updateChild(update) } == .invalidArgument)

                var get = Kiosk_Core_V1_GetChildRequest()
                get.childID = child.childID
                #expect(try await children.getChild(get).child.details.name == "王小莲")
            }
        }
    }

    @Test("households: caregivers are linked to children with their relationship; only members can be linked")
    func households() async throws {
        try await CoreCounty.with { county in
            try await county.as(.directorA1) { client in
                let children = Kiosk_Core_V1_Children.Client(wrapping: client)
                var create = Kiosk_Core_V1_CreateHouseholdRequest()
                create.village = CoreCounty.villageA1
                create.address = "Group 3, house 12"
                var grandmother = Kiosk_Core_V1_Caregiver()
                grandmother.name = "王秀英"
                grandmother.birthYear = 1956
                create.caregivers = [grandmother]
                let household = try await children.createHousehold(create).household
                #expect(household.caregivers.count == 1)

                var other = create
                other.caregivers = []
                let otherHousehold = try await children.createHousehold(other).household
                var add = Kiosk_Core_V1_AddCaregiverRequest()
                add.householdID = otherHousehold.householdID
                add.caregiver.name = "李强"
                let stranger = try await children.addCaregiver(add).household.caregivers[0]

                var register = Kiosk_Core_V1_RegisterChildRequest()
                register.details = childDetails("王小莲")
                register.details.householdID = household.householdID
                var link = Kiosk_Core_V1_ChildCaregiver()
                link.caregiverID = household.caregivers[0].caregiverID
                link.relationship = .grandparent
                link.primary = true
                register.caregivers = [link]
                guard case .child(let child) = try await children.registerChild(register).result else {
                    Issue.record("not registered")
                    return
                }
                #expect(child.caregivers.map(\.name) == ["王秀英"])
                #expect(child.caregivers.first?.relationship == .grandparent)

                register.details.name = "王小明"
                link.caregiverID = stranger.caregiverID
                register.caregivers = [link]
                let error = await rpcError { _ = try await children.registerChild(register) }
                #expect(error?.code == .invalidArgument)
                #expect(error?.message.contains("not a member") == true)

                create.address = ""
                #expect(await rpcCode { _ = try await children.createHousehold(create) } == .invalidArgument)
                create.address = "x"
                create.village = CoreCounty.villageA2
                #expect(await rpcCode { _ = try await children.createHousehold(create) } == .permissionDenied)
            }
        }
    }

    @Test("visits: recorded with the session's worker; the overdue list shows passed follow-ups and never-visited children")
    func visits() async throws {
        try await CoreCounty.with { county in
            let visited = try await county.register(childDetails("王小莲"))
            let never = try await county.register(childDetails("张伟", sex: .male))
            let fine = try await county.register(childDetails("刘洋", sex: .male))
            try await county.as(.directorA1) { client in
                let children = Kiosk_Core_V1_Children.Client(wrapping: client)
                func visit(_ child: Kiosk_Core_V1_Child, on date: String, followUp: String) async throws -> Kiosk_Core_V1_Visit {
                    var request = Kiosk_Core_V1_RecordVisitRequest()
                    request.childID = child.childID
                    request.visitDate = date
                    request.observations = "Grandmother ill; child eats once a day"
                    request.riskLevel = .high
                    request.followUpDate = followUp
                    return try await children.recordVisit(request).visit
                }
                let recorded = try await visit(visited, on: "2026-11-20", followUp: "2026-11-30")
                #expect(recorded.workerID == CoreCounty.Who.directorA1.rawValue)
                _ = try await visit(fine, on: "2026-11-22", followUp: "2027-02-22")

                let bad = await rpcError { _ = try await visit(fine, on: "2026-11-22", followUp: "2026-11-21") }
                #expect(bad?.code == .invalidArgument)
                #expect(bad?.message.contains("follow_up_date") == true)
                #expect(await rpcCode { _ = try await visit(fine, on: "2026-12-01", followUp: "") } == .invalidArgument)

                var list = Kiosk_Core_V1_ListVisitsRequest()
                list.childID = visited.childID
                #expect(try await children.listVisits(list).visits == [recorded])
            }
            county.clock.set(today: try .init(iso: "2026-12-05"))
            let overdue = try await county.as(.supervisorA) { client in
                try await Kiosk_Core_V1_Children.Client(wrapping: client).listOverdueVisits(.init()).visits
            }
            #expect(overdue.map(\.child.childID) == [never.childID, visited.childID])
            #expect(overdue.map(\.dueDate) == ["", "2026-11-30"])
            #expect(overdue.last?.lastRiskLevel == .high)
            let elsewhere = try await county.as(.supervisorB) { client in
                try await Kiosk_Core_V1_Children.Client(wrapping: client).listOverdueVisits(.init()).visits
            }
            #expect(elsewhere.isEmpty)
        }
    }
}
