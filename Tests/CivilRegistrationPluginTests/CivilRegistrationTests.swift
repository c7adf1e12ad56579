import CivilRegistrationPlugin
import GRPCCore
import KioskDomain
import KioskPluginKit
import KioskProtos
import KioskTesting
import KioskTransport
import Testing

@Suite("Civil registration over the wire")
struct CivilRegistrationTests {
    @Test("submission is blocked naming every missing document, then goes through once the list is complete")
    func submissionBlocked() async throws {
        try await TestCounty.civilRegistration(today: "2025-03-10") { county in
            let child = try await county.child("林小花")
            let caseID = try await county.open(child, .bornOutsideMarriage)
            let empty = await rpcError { _ = try await county.submit(caseID) }
            #expect(empty?.code == .failedPrecondition)
            #expect(empty?.message == "documents missing for reason born-outside-marriage: birth medical certificate or DNA parentage "
                + "report from an accredited lab; the registering parent's household booklet; the registering parent's identity card")
            let afterOne = try await county.see(caseID, .dnaParentageReport, number: "DNA-2025-17")
            #expect(afterOne.requirements.map(\.satisfied) == [true, false, false])
            #expect(afterOne.documents.first?.seenBy == "directorA1")
            #expect(afterOne.documents.first?.seenOn == "2025-03-10")
            try await county.see(caseID, .registeringParentHouseholdBooklet)
            let stillMissing = await rpcError { _ = try await county.submit(caseID) }
            #expect(stillMissing?.message.hasSuffix("the registering parent's identity card") == true)
            let wrongType = await rpcError { try await county.see(caseID, .policeFoundChildReport) }
            #expect(wrongType?.code == .invalidArgument)
            try await county.see(caseID, .registeringParentIdentityCard)
            let submitted = try await county.submit(caseID)
            #expect(submitted.state == .submitted)
            #expect(!submitted.applicationID.isEmpty)
            let late = await rpcError { try await county.see(caseID, .birthMedicalCertificate) }
            #expect(late?.code == .failedPrecondition)
        }
    }

    @Test("registration updates the child: hukou registered, identity number set, unregistered category gone, application closed")
    func registered() async throws {
        try await TestCounty.civilRegistration(today: "2025-03-10") { county in
            let child = try await county.child("陈安")
            #expect(try await county.record(child).details.categories.map(\.kind) == [.unregistered])
            let (caseID, applicationID) = try await county.approvedCase(child)
            _ = try await county.handOver(caseID, sent: "2025-03-10")
            let wrongSex = IdentityFixture.number(birth: "20190423", sequence: "003")
            let refused = await rpcError { _ = try await county.outcome(caseID, registered: true, on: "2025-03-10", identityNumber: wrongSex) }
            #expect(refused?.code == .invalidArgument)
            #expect(refused?.message.contains("sex") == true)
            let wrongDate = IdentityFixture.number(birth: "20190422", sequence: "002")
            let dateError = await rpcError { _ = try await county.outcome(caseID, registered: true, on: "2025-03-10", identityNumber: wrongDate) }
            #expect(dateError?.message.contains("birth date 2019-04-22") == true)
            let number = IdentityFixture.number(birth: "20190423", sequence: "002")
            let done = try await county.outcome(caseID, registered: true, on: "2025-03-10", identityNumber: number)
            #expect(done.state == .registered)
            #expect(done.householdBookletNumber == "HB-530102-0042")
            let record = try await county.record(child)
            #expect(record.details.hukouStatus == .registeredLocal)
            #expect(record.details.identityNumber == number)
            #expect(record.details.categories.isEmpty)
            let application = try await county.as(.officer) { client in
                var request = Kiosk_Core_V1_GetApplicationRequest()
                request.applicationID = applicationID
                return try await Kiosk_Core_V1_Applications.Client(wrapping: client).getApplication(request).application
            }
            #expect(application.state == .closed)
        }
    }

    @Test("hand-over needs the county's approval and is dated on or after it; a refusal needs a note")
    func handOverAndRefusal() async throws {
        try await TestCounty.civilRegistration(today: "2025-03-10") { county in
            let child = try await county.child("黄山")
            let caseID = try await county.open(child, .abandonedOrFound)
            try await county.see(caseID, .policeFoundChildReport)
            try await county.see(caseID, .civilAffairsPlacementDocument)
            _ = try await county.submit(caseID)
            let early = await rpcError { _ = try await county.handOver(caseID, sent: "2025-03-10") }
            #expect(early?.code == .failedPrecondition)
            #expect(early?.message.contains("after the county approved") == true)

            let other = try await county.child("黄水", born: "2020-01-01")
            let (approved, _) = try await county.approvedCase(other)
            let future = await rpcError { _ = try await county.handOver(approved, sent: "2025-03-11") }
            #expect(future?.code == .invalidArgument)
            let beforeApproval = await rpcError { _ = try await county.handOver(approved, sent: "2025-03-09") }
            #expect(beforeApproval?.code == .invalidArgument)
            #expect(beforeApproval?.message == "date_sent: 2025-03-09 is before the county approved the case on 2025-03-10")
            _ = try await county.handOver(approved, sent: "2025-03-10")
            let noNote = await rpcError { _ = try await county.outcome(approved, registered: false, on: "2025-03-10") }
            #expect(noNote?.code == .invalidArgument)
            let done = try await county.outcome(approved, registered: false, on: "2025-03-10", note: "parentage not established")
            #expect(done.state == .refused)
            #expect(try await county.record(other).details.hukouStatus == .unregistered)
        }
    }

    @Test("lists: unregistered children without a case, cases waiting on the police longer than N days")
    func lists() async throws {
        try await TestCounty.civilRegistration(today: "2025-01-01") { county in
            let waiting = try await county.child("马一")
            let fresh = try await county.child("马二", born: "2020-02-02")
            let without = try await county.child("马三", born: "2021-03-03")
            _ = try await county.child("马四", born: "2021-04-04", hukou: .registeredLocal)
            let (oldCase, _) = try await county.approvedCase(waiting)
            _ = try await county.handOver(oldCase, sent: "2025-01-01")
            try county.clock.set(today: CalendarDate(iso: "2025-01-31"))
            let (newCase, _) = try await county.approvedCase(fresh)
            _ = try await county.handOver(newCase, sent: "2025-01-31")

            let unregistered = try await county.civil(.supervisorA) { try await $0.listUnregisteredWithoutCase(.init()).children }
            #expect(unregistered.map(\.childID) == [without])
            let elsewhere = try await county.civil(.directorA2) { try await $0.listUnregisteredWithoutCase(.init()).children }
            #expect(elsewhere.isEmpty)

            let atThirty = try await county.civil(.supervisorA) { try await $0.listWaitingOnPolice(.init()) }
            #expect(atThirty.moreThanDays == 30)
            #expect(atThirty.cases.isEmpty)
            try county.clock.set(today: CalendarDate(iso: "2025-02-01"))
            let atThirtyOne = try await county.civil(.supervisorA) { try await $0.listWaitingOnPolice(.init()).cases }
            #expect(atThirtyOne.map(\.caseID) == [oldCase])
            let shorter = try await county.civil(.supervisorA) { client in
                var request = Kiosk_Plugins_Civilregistration_V1_ListWaitingOnPoliceRequest()
                request.moreThanDays = 0
                return try await client.listWaitingOnPolice(request).cases
            }
            #expect(shorter.map(\.caseID) == [oldCase])
            let anyAge = try await county.civil(.supervisorA) { client in
                var request = Kiosk_Plugins_Civilregistration_V1_ListWaitingOnPoliceRequest()
                request.moreThanDays = 1
                return try await client.listWaitingOnPolice(request).cases
            }
            #expect(anyAge.map(\.caseID) == [oldCase])
        }
    }

    @Test("refusals: a registered child, a second open case, another village's case, a county officer opening a case, no reason")
    func refusals() async throws {
        try await TestCounty.civilRegistration(today: "2025-03-10") { county in
            let registered = try await county.child("周一", hukou: .registeredLocal)
            let notUnregistered = await rpcError { _ = try await county.open(registered, .certificateUnused) }
            #expect(notUnregistered?.code == .failedPrecondition)
            let child = try await county.child("周二", born: "2020-05-05")
            let caseID = try await county.open(child, .certificateUnused)
            let twice = await rpcError { _ = try await county.open(child, .bornAbroad) }
            #expect(twice?.code == .failedPrecondition)
            #expect(twice?.message.contains(caseID) == true)
            let hidden = await rpcError {
                _ = try await county.civil(.directorA2) { client in
                    var request = Kiosk_Plugins_Civilregistration_V1_GetCaseRequest()
                    request.caseID = caseID
                    return try await client.getCase(request)
                }
            }
            #expect(hidden?.code == .notFound)
            let byCounty = await rpcError {
                _ = try await county.civil(.officer) { client in
                    var request = Kiosk_Plugins_Civilregistration_V1_OpenCaseRequest()
                    request.childID = child
                    request.reason = .certificateUnused
                    return try await client.openCase(request)
                }
            }
            #expect(byCounty?.code == .permissionDenied)
            let noReason = await rpcError { _ = try await county.open(child, .unspecified) }
            #expect(noReason?.code == .invalidArgument)
        }
    }
}
