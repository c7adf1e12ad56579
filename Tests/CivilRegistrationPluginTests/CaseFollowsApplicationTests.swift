import CivilRegistrationPlugin
import GRPCCore
import KioskPluginKit
import KioskProtos
import KioskTesting
import SwiftProtobuf
import Testing

@Suite("Civil registration over the wire: the case follows its application; no child is left stuck")
struct CaseFollowsApplicationTests {
    @Test("the county rejects: the case is rejected with the reason and a new case can be opened; an appeal is refused while it is open")
    func rejected() async throws {
        try await TestCounty.civilRegistration(today: "2025-03-10") { county in
            let child = try await county.child("韩雪")
            let caseID = try await county.open(child, .abandonedOrFound)
            try await county.see(caseID, .policeFoundChildReport)
            try await county.see(caseID, .civilAffairsPlacementDocument)
            let applicationID = try await county.submit(caseID).applicationID
            try await county.transition(applicationID, .beginReview, as: .supervisorA)
            try await county.transition(applicationID, .forward, as: .supervisorA)
            try await county.transition(applicationID, .reject, reason: "placement document unsigned", as: .officer)
            let rejected = try await county.registrationCase(caseID)
            #expect(rejected.state == .rejected)
            #expect(rejected.outcomeNote == "placement document unsigned")
            #expect(rejected.outcomeDate == "2025-03-10")
            let listed = try await county.civil(.directorA1) { try await $0.listUnregisteredWithoutCase(.init()).children }
            #expect(listed.map(\.childID) == [child])

            let second = try await county.open(child, .abandonedOrFound)
            let appeal = await rpcError {
                try await county.transition(applicationID, .appeal, reason: "document now signed", as: .directorA1)
            }
            #expect(appeal?.code == .failedPrecondition)
            #expect(appeal?.message == "cannot appeal: child \(child) has a newer open case \(second); a child has one case under way at a time")
            #expect(try await county.application(applicationID).state == .rejected)
        }
    }

    @Test("an appeal reopens the rejected case, which then goes on to the police")
    func appealed() async throws {
        try await TestCounty.civilRegistration(today: "2025-03-10") { county in
            let child = try await county.child("韩霜")
            let caseID = try await county.open(child, .abandonedOrFound)
            try await county.see(caseID, .policeFoundChildReport)
            try await county.see(caseID, .civilAffairsPlacementDocument)
            let applicationID = try await county.submit(caseID).applicationID
            try await county.transition(applicationID, .beginReview, as: .supervisorA)
            try await county.transition(applicationID, .forward, as: .supervisorA)
            try await county.transition(applicationID, .reject, reason: "placement document unsigned", as: .officer)
            try county.clock.set(today: "2025-03-12")
            try await county.transition(applicationID, .appeal, reason: "document now signed", as: .directorA1)
            let reopened = try await county.registrationCase(caseID)
            #expect(reopened.state == .submitted)
            #expect(reopened.outcomeNote.isEmpty && reopened.outcomeDate.isEmpty)
            let twice = await rpcError { _ = try await county.open(child, .bornAbroad) }
            #expect(twice?.message.contains("already has an open case \(caseID)") == true)
            try await county.transition(applicationID, .approve, as: .officer)
            #expect(try await county.handOver(caseID, sent: "2025-03-12").state == .withPolice)
        }
    }

    @Test("a withdrawn application withdraws the case; the child is listed again and gets a new case")
    func withdrawn() async throws {
        try await TestCounty.civilRegistration(today: "2025-03-10") { county in
            let child = try await county.child("曹林")
            let caseID = try await county.open(child, .abandonedOrFound)
            try await county.see(caseID, .policeFoundChildReport)
            try await county.see(caseID, .civilAffairsPlacementDocument)
            let applicationID = try await county.submit(caseID).applicationID
            #expect(try await county.civil(.directorA1) { try await $0.listUnregisteredWithoutCase(.init()).children }.isEmpty)
            try await county.transition(applicationID, .withdraw, reason: "the family moved to another county", as: .directorA1)
            let withdrawn = try await county.registrationCase(caseID)
            #expect(withdrawn.state == .withdrawn)
            #expect(withdrawn.outcomeNote == "the family moved to another county")
            #expect(try await county.civil(.directorA1) { try await $0.listUnregisteredWithoutCase(.init()).children }.map(\.childID) == [child])
            #expect(try await county.open(child, .certificateUnused) != caseID)
        }
    }

    @Test("after a refused police outcome the child is listed again and can get a new case")
    func refusedOutcome() async throws {
        try await TestCounty.civilRegistration(today: "2025-03-10") { county in
            let child = try await county.child("邓阳")
            let (caseID, _) = try await county.approvedCase(child)
            _ = try await county.handOver(caseID, sent: "2025-03-10")
            #expect(try await county.civil(.supervisorA) { try await $0.listUnregisteredWithoutCase(.init()).children }.isEmpty)
            _ = try await county.outcome(caseID, registered: false, on: "2025-03-10", note: "parentage not established")
            let listed = try await county.civil(.supervisorA) { try await $0.listUnregisteredWithoutCase(.init()).children }
            #expect(listed.map(\.childID) == [child])
            #expect(try await county.open(child, .noBirthMedicalCertificate) != caseID)
        }
    }

    @Test("the county cannot activate or close a registration application itself; the police's outcome does")
    func onlyTheOutcomeCompletes() async throws {
        try await TestCounty.civilRegistration(today: "2025-03-10") { county in
            let child = try await county.child("秦川")
            let (caseID, applicationID) = try await county.approvedCase(child)
            let activate = await rpcError { try await county.transition(applicationID, .activate, as: .officer) }
            #expect(activate?.code == .failedPrecondition)
            #expect(activate?.message.contains("completed when the police's outcome is recorded") == true)
            #expect(try await county.application(applicationID).state == .approved)
            #expect(try await county.registrationCase(caseID).state == .submitted)
        }
    }

    @Test("the list pages through the unregistered children without an open case")
    func listPages() async throws {
        try await TestCounty.civilRegistration(today: "2025-03-10") { county in
            let first = try await county.child("安乐", born: "2020-01-01")
            let second = try await county.child("白云", born: "2020-02-02")
            let withCase = try await county.child("陈星", born: "2020-03-03")
            _ = try await county.open(withCase, .certificateUnused)
            let page1 = try await county.civil(.directorA1) { try await $0.listUnregisteredWithoutCase(.with { $0.pageSize = 1 }) }
            #expect(page1.children.map(\.childID) == [first])
            #expect(!page1.nextPageToken.isEmpty)
            let page2 = try await county.civil(.directorA1) { client in
                try await client.listUnregisteredWithoutCase(.with { $0.pageSize = 1; $0.pageToken = page1.nextPageToken })
            }
            #expect(page2.children.map(\.childID) == [second])
            #expect(page2.nextPageToken.isEmpty)
            let tooMany = await rpcError {
                _ = try await county.civil(.directorA1) { try await $0.listUnregisteredWithoutCase(.with { $0.pageSize = 101 }) }
            }
            #expect(tooMany?.message == "page_size: 101 is not from 1 to 100")
        }
    }

    @Test("police-wait-days sets the default of ListWaitingOnPolice; a bad value stops the host naming plugin, key and rule")
    func policeWaitSetting() async throws {
        try await TestCounty.civilRegistration(today: "2025-01-01", settings: ["civil_registration.police-wait-days": "10"]) { county in
            let child = try await county.child("石头")
            let (caseID, _) = try await county.approvedCase(child)
            _ = try await county.handOver(caseID, sent: "2025-01-01")
            try county.clock.set(today: "2025-01-11")
            let atTen = try await county.civil(.supervisorA) { try await $0.listWaitingOnPolice(.init()) }
            #expect(atTen.moreThanDays == 10)
            #expect(atTen.cases.isEmpty)
            try county.clock.set(today: "2025-01-12")
            #expect(try await county.civil(.supervisorA) { try await $0.listWaitingOnPolice(.init()).cases }.map(\.caseID) == [caseID])
            let tooLong = await rpcError {
                _ = try await county.civil(.supervisorA) { try await $0.listWaitingOnPolice(.with { $0.moreThanDays = 4000 }) }
            }
            #expect(tooLong?.message == "more_than_days: 4000 is not from 0 to 3650")
        }
        do {
            try await TestCounty.civilRegistration(today: "2025-01-01", settings: ["civil_registration.police-wait-days": "0"]) { _ in }
            Issue.record("the host started with police-wait-days = 0")
        } catch {
            #expect("\(error)".hasPrefix("setting civil_registration.police-wait-days = '0' must be a whole number from 1 to 3650"), "\(error)")
        }
    }

    @Test("the plugin declares the kind of application it submits and the referral consent it needs")
    func applicationKinds() {
        let kinds = CivilRegistrationPlugin.metadata.applicationKinds
        #expect(kinds.map(\.kind) == ["hukou"])
        #expect(kinds.allSatisfy { !$0.title.zh.isEmpty && !$0.title.en.isEmpty && $0.consent?.id == "referral:civil_registration" })
    }
}
