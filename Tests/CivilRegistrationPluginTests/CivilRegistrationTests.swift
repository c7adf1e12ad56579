import CivilRegistrationPlugin
import GRPCCore
import KioskDomain
import KioskPluginKit
import KioskProtos
import KioskTesting
import KioskTransport
import Testing

typealias CivilClient = Kiosk_Plugins_Civilregistration_V1_CivilRegistration.Client<KioskClientTransport>

/// A live host with the plugin and a worker at each level of county 530102.
struct Office: Sendable {
    let host: LiveKioskHost
    let kiosk: LiveKioskHost.Kiosk
    let clock: ManualClock
    let village: LiveKioskHost.Worker
    let township: LiveKioskHost.Worker
    let county: LiveKioskHost.Worker
    let otherVillage: LiveKioskHost.Worker

    static func with<T: Sendable>(today: String, _ body: (Office) async throws -> T) async throws -> T {
        let clock = ManualClock(today: try CalendarDate(iso: today))
        return try await LiveKioskHost.with(plugins: [CivilRegistrationPlugin.self], clock: clock) { host in
            try await body(Office(
                host: host, kiosk: try await host.registerKiosk("k1"), clock: clock,
                village: try await host.addWorker("vd-1", role: .villageDirector, jurisdiction: "530102001001"),
                township: try await host.addWorker("ts-1", role: .townshipSupervisor, jurisdiction: "530102001"),
                county: try await host.addWorker("co-1", role: .countyOfficer, jurisdiction: "530102"),
                otherVillage: try await host.addWorker("vd-2", role: .villageDirector, jurisdiction: "530102001002")
            ))
        }
    }

    func signedIn<T: Sendable>(_ worker: LiveKioskHost.Worker, _ body: (GRPCClient<KioskClientTransport>) async throws -> T) async throws -> T {
        try await self.host.withSignedInClient(kiosk: self.kiosk, worker: worker, body)
    }

    func civil<T: Sendable>(_ worker: LiveKioskHost.Worker, _ body: (CivilClient) async throws -> T) async throws -> T {
        try await self.signedIn(worker) { try await body(CivilClient(wrapping: $0)) }
    }

    func registerChild(name: String, born: String = "2019-04-23", hukou: Kiosk_Core_V1_HukouStatus = .unregistered) async throws -> String {
        try await self.signedIn(self.village) { client in
            var request = Kiosk_Core_V1_RegisterChildRequest()
            request.details.name = name
            request.details.sex = .female
            request.details.birthDate = born
            request.details.village = "530102001001"
            request.details.hukouStatus = hukou
            request.confirmedNotDuplicate = true
            return try await Kiosk_Core_V1_Children.Client(wrapping: client).registerChild(request).child.childID
        }
    }

    func child(_ id: String) async throws -> Kiosk_Core_V1_Child {
        try await self.signedIn(self.village) { client in
            var request = Kiosk_Core_V1_GetChildRequest()
            request.childID = id
            return try await Kiosk_Core_V1_Children.Client(wrapping: client).getChild(request).child
        }
    }

    func open(_ childID: String, _ reason: Kiosk_Plugins_Civilregistration_V1_Reason) async throws -> String {
        try await self.civil(self.village) { client in
            var request = Kiosk_Plugins_Civilregistration_V1_OpenCaseRequest()
            request.childID = childID
            request.reason = reason
            return try await client.openCase(request).registrationCase.caseID
        }
    }

    @discardableResult
    func see(_ caseID: String, _ type: Kiosk_Plugins_Civilregistration_V1_DocumentType, number: String = "N-1")
        async throws -> Kiosk_Plugins_Civilregistration_V1_RegistrationCase
    {
        try await self.civil(self.village) { client in
            var request = Kiosk_Plugins_Civilregistration_V1_RecordDocumentRequest()
            request.caseID = caseID
            request.type = type
            request.number = number
            return try await client.recordDocument(request).registrationCase
        }
    }

    func submit(_ caseID: String) async throws -> Kiosk_Plugins_Civilregistration_V1_RegistrationCase {
        try await self.civil(self.village) { client in
            var request = Kiosk_Plugins_Civilregistration_V1_SubmitCaseRequest()
            request.caseID = caseID
            return try await client.submitCase(request).registrationCase
        }
    }

    func transition(_ applicationID: String, _ action: Kiosk_Core_V1_ApplicationAction, by worker: LiveKioskHost.Worker) async throws {
        try await self.signedIn(worker) { client in
            var request = Kiosk_Core_V1_TransitionApplicationRequest()
            request.applicationID = applicationID
            request.action = action
            _ = try await Kiosk_Core_V1_Applications.Client(wrapping: client).transitionApplication(request)
        }
    }

    /// Opens a found-child case with its documents, submits it and has the county approve it.
    func approvedCase(_ childID: String) async throws -> (caseID: String, applicationID: String) {
        let caseID = try await self.open(childID, .abandonedOrFound)
        try await self.see(caseID, .policeFoundChildReport)
        try await self.see(caseID, .civilAffairsPlacementDocument)
        let applicationID = try await self.submit(caseID).applicationID
        try await self.transition(applicationID, .beginReview, by: self.township)
        try await self.transition(applicationID, .forward, by: self.township)
        try await self.transition(applicationID, .approve, by: self.county)
        return (caseID, applicationID)
    }

    func handOver(_ caseID: String, sent: String) async throws -> Kiosk_Plugins_Civilregistration_V1_RegistrationCase {
        try await self.civil(self.village) { client in
            var request = Kiosk_Plugins_Civilregistration_V1_RecordHandOverRequest()
            request.caseID = caseID
            request.policeStation = "城关派出所"
            request.dateSent = sent
            return try await client.recordHandOver(request).registrationCase
        }
    }

    func outcome(_ caseID: String, registered: Bool, on date: String, identityNumber: String = "", note: String = "")
        async throws -> Kiosk_Plugins_Civilregistration_V1_RegistrationCase
    {
        try await self.civil(self.village) { client in
            var request = Kiosk_Plugins_Civilregistration_V1_RecordOutcomeRequest()
            request.caseID = caseID
            request.registered = registered
            request.outcomeDate = date
            request.householdBookletNumber = registered ? "HB-530102-0042" : ""
            request.identityNumber = identityNumber
            request.note = note
            return try await client.recordOutcome(request).registrationCase
        }
    }
}


@Suite("Civil registration over the wire")
struct CivilRegistrationTests {
    @Test("submission is blocked naming every missing document, then goes through once the list is complete")
    func submissionBlocked() async throws {
        try await Office.with(today: "2025-03-10") { office in
            let child = try await office.registerChild(name: "林小花")
            let caseID = try await office.open(child, .bornOutsideMarriage)
            let empty = await rpcError { _ = try await office.submit(caseID) }
            #expect(empty?.code == .failedPrecondition)
            #expect(empty?.message == "documents missing for reason born-outside-marriage: birth medical certificate or DNA parentage "
                + "report from an accredited lab; the registering parent's household booklet; the registering parent's identity card")
            let afterOne = try await office.see(caseID, .dnaParentageReport, number: "DNA-2025-17")
            #expect(afterOne.requirements.map(\.satisfied) == [true, false, false])
            #expect(afterOne.documents.first?.seenBy == "vd-1")
            #expect(afterOne.documents.first?.seenOn == "2025-03-10")
            try await office.see(caseID, .registeringParentHouseholdBooklet)
            let stillMissing = await rpcError { _ = try await office.submit(caseID) }
            #expect(stillMissing?.message.hasSuffix("the registering parent's identity card") == true)
            let wrongType = await rpcError { try await office.see(caseID, .policeFoundChildReport) }
            #expect(wrongType?.code == .invalidArgument)
            try await office.see(caseID, .registeringParentIdentityCard)
            let submitted = try await office.submit(caseID)
            #expect(submitted.state == .submitted)
            #expect(!submitted.applicationID.isEmpty)
            let late = await rpcError { try await office.see(caseID, .birthMedicalCertificate) }
            #expect(late?.code == .failedPrecondition)
        }
    }

    @Test("registration updates the child: hukou registered, identity number set, unregistered category gone, application closed")
    func registered() async throws {
        try await Office.with(today: "2025-03-10") { office in
            let child = try await office.registerChild(name: "陈安")
            #expect(try await office.child(child).details.categories.map(\.kind) == [.unregistered])
            let (caseID, applicationID) = try await office.approvedCase(child)
            _ = try await office.handOver(caseID, sent: "2025-03-10")
            let wrongSex = IdentityFixture.number(birth: "20190423", sequence: "003")
            let refused = await rpcError { _ = try await office.outcome(caseID, registered: true, on: "2025-03-10", identityNumber: wrongSex) }
            #expect(refused?.code == .invalidArgument)
            #expect(refused?.message.contains("sex") == true)
            let wrongDate = IdentityFixture.number(birth: "20190422", sequence: "002")
            let dateError = await rpcError { _ = try await office.outcome(caseID, registered: true, on: "2025-03-10", identityNumber: wrongDate) }
            #expect(dateError?.message.contains("birth date 2019-04-22") == true)
            let number = IdentityFixture.number(birth: "20190423", sequence: "002")
            let done = try await office.outcome(caseID, registered: true, on: "2025-03-10", identityNumber: number)
            #expect(done.state == .registered)
            #expect(done.householdBookletNumber == "HB-530102-0042")
            let record = try await office.child(child)
            #expect(record.details.hukouStatus == .registeredLocal)
            #expect(record.details.identityNumber == number)
            #expect(record.details.categories.isEmpty)
            let application = try await office.signedIn(office.county) { client in
                var request = Kiosk_Core_V1_GetApplicationRequest()
                request.applicationID = applicationID
                return try await Kiosk_Core_V1_Applications.Client(wrapping: client).getApplication(request).application
            }
            #expect(application.state == .closed)
        }
    }

    @Test("hand-over needs the county's approval; a refusal needs a note")
    func handOverAndRefusal() async throws {
        try await Office.with(today: "2025-03-10") { office in
            let child = try await office.registerChild(name: "黄山")
            let caseID = try await office.open(child, .abandonedOrFound)
            try await office.see(caseID, .policeFoundChildReport)
            try await office.see(caseID, .civilAffairsPlacementDocument)
            _ = try await office.submit(caseID)
            let early = await rpcError { _ = try await office.handOver(caseID, sent: "2025-03-10") }
            #expect(early?.code == .failedPrecondition)
            #expect(early?.message.contains("after the county approved") == true)

            let other = try await office.registerChild(name: "黄水", born: "2020-01-01")
            let (approved, _) = try await office.approvedCase(other)
            let future = await rpcError { _ = try await office.handOver(approved, sent: "2025-03-11") }
            #expect(future?.code == .invalidArgument)
            _ = try await office.handOver(approved, sent: "2025-03-01")
            let noNote = await rpcError { _ = try await office.outcome(approved, registered: false, on: "2025-03-10") }
            #expect(noNote?.code == .invalidArgument)
            let done = try await office.outcome(approved, registered: false, on: "2025-03-10", note: "parentage not established")
            #expect(done.state == .refused)
            #expect(try await office.child(other).details.hukouStatus == .unregistered)
        }
    }

    @Test("lists: unregistered children without a case, cases waiting on the police longer than N days")
    func lists() async throws {
        try await Office.with(today: "2025-01-01") { office in
            let waiting = try await office.registerChild(name: "马一")
            let fresh = try await office.registerChild(name: "马二", born: "2020-02-02")
            let without = try await office.registerChild(name: "马三", born: "2021-03-03")
            _ = try await office.registerChild(name: "马四", born: "2021-04-04", hukou: .registeredLocal)
            let (oldCase, _) = try await office.approvedCase(waiting)
            _ = try await office.handOver(oldCase, sent: "2025-01-01")
            try office.clock.set(today: CalendarDate(iso: "2025-01-31"))
            let (newCase, _) = try await office.approvedCase(fresh)
            _ = try await office.handOver(newCase, sent: "2025-01-31")

            let unregistered = try await office.civil(office.township) { try await $0.listUnregisteredWithoutCase(.init()).children }
            #expect(unregistered.map(\.childID) == [without])
            let elsewhere = try await office.civil(office.otherVillage) { try await $0.listUnregisteredWithoutCase(.init()).children }
            #expect(elsewhere.isEmpty)

            let atThirty = try await office.civil(office.township) { try await $0.listWaitingOnPolice(.init()) }
            #expect(atThirty.moreThanDays == 30)
            #expect(atThirty.cases.isEmpty)
            try office.clock.set(today: CalendarDate(iso: "2025-02-01"))
            let atThirtyOne = try await office.civil(office.township) { try await $0.listWaitingOnPolice(.init()).cases }
            #expect(atThirtyOne.map(\.caseID) == [oldCase])
            let shorter = try await office.civil(office.township) { client in
                var request = Kiosk_Plugins_Civilregistration_V1_ListWaitingOnPoliceRequest()
                request.moreThanDays = 0
                return try await client.listWaitingOnPolice(request).cases
            }
            #expect(shorter.map(\.caseID) == [oldCase])
            let anyAge = try await office.civil(office.township) { client in
                var request = Kiosk_Plugins_Civilregistration_V1_ListWaitingOnPoliceRequest()
                request.moreThanDays = 1
                return try await client.listWaitingOnPolice(request).cases
            }
            #expect(anyAge.map(\.caseID) == [oldCase])
        }
    }

    @Test("refusals: a registered child, a second open case, another village's case, a county officer opening a case, no reason")
    func refusals() async throws {
        try await Office.with(today: "2025-03-10") { office in
            let registered = try await office.registerChild(name: "周一", hukou: .registeredLocal)
            let notUnregistered = await rpcError { _ = try await office.open(registered, .certificateUnused) }
            #expect(notUnregistered?.code == .failedPrecondition)
            let child = try await office.registerChild(name: "周二", born: "2020-05-05")
            let caseID = try await office.open(child, .certificateUnused)
            let twice = await rpcError { _ = try await office.open(child, .bornAbroad) }
            #expect(twice?.code == .failedPrecondition)
            #expect(twice?.message.contains(caseID) == true)
            let hidden = await rpcError {
                _ = try await office.civil(office.otherVillage) { client in
                    var request = Kiosk_Plugins_Civilregistration_V1_GetCaseRequest()
                    request.caseID = caseID
                    return try await client.getCase(request)
                }
            }
            #expect(hidden?.code == .notFound)
            let byCounty = await rpcError {
                _ = try await office.civil(office.county) { client in
                    var request = Kiosk_Plugins_Civilregistration_V1_OpenCaseRequest()
                    request.childID = child
                    request.reason = .certificateUnused
                    return try await client.openCase(request)
                }
            }
            #expect(byCounty?.code == .permissionDenied)
            let noReason = await rpcError { _ = try await office.open(child, .unspecified) }
            #expect(noReason?.code == .invalidArgument)
        }
    }
}
