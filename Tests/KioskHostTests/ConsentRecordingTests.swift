import EchoPlugin
import GRDB
import GRPCCore
import KioskStore
import KioskHost
import KioskPluginKit
import KioskProtos
import KioskTesting
import Testing

@Suite("Recording and withdrawing guardians' consent")
struct ConsentRecordingTests {
    @Test("a caregiver's signed or witnessed consent is recorded with who gave it, how, when and by whom")
    func records() async throws {
        try await CoreCounty.with { county in
            let (child, mother) = try await county.childWithMother()
            let paper = try await county.consent(as: .directorA1) { consent in
                try await consent.recordConsent(consentRequest(child.childID, "referral:echo", caregiver: mother)).consent
            }
            #expect(paper.purpose == "referral:echo" && paper.givenBy == .caregiver && paper.caregiverID == mother)
            #expect(paper.method == .signedPaper && paper.givenOn == "2026-11-20" && paper.recordedBy == "directorA1")
            #expect(paper.withdrawnOn.isEmpty)
            var verbal = consentRequest(child.childID, EchoPlugin.sharing.id, caregiver: mother)
            verbal.method = .verbalWitnessed
            verbal.witnessWorkerID = "supervisorA"
            let witnessed = try await county.consent(as: .directorA1) { try await $0.recordConsent(verbal).consent }
            #expect(witnessed.method == .verbalWitnessed && witnessed.witnessWorkerID == "supervisorA")
            let listed = try await county.consent(as: .supervisorA) { consent in
                var request = Kiosk_Core_V1_ListConsentsRequest()
                request.childID = child.childID
                return try await consent.listConsents(request).consents
            }
            #expect(Set(listed.map(\.purpose)) == ["registration", "referral:echo", "echo.share-notes"])
        }
    }

    @Test("each bad request is refused with its own status and message, and nothing is recorded")
    func refusals() async throws {
        try await CoreCounty.with { county in
            let (child, mother) = try await county.childWithMother()
            let id = child.childID
            var cases: [(Kiosk_Core_V1_RecordConsentRequest, TestCounty.Who, RPCError.Code, String)] = [
                (consentRequest(id, "marketing", caregiver: mother), .directorA1, .invalidArgument, "'marketing' is not a consent purpose"),
                (consentRequest(id, "", caregiver: mother), .directorA1, .invalidArgument, "purpose: is required"),
                (consentRequest(id, "referral:", caregiver: mother), .directorA1, .invalidArgument, "after 'referral:'"),
                (consentRequest(id, "share-with-partner:nobody", caregiver: mother), .directorA1, .invalidArgument, "no installed plugin"),
                (consentRequest(id, "referral:echo", caregiver: "CG-nobody"), .directorA1, .failedPrecondition, "is not a caregiver of child \(id)"),
                (consentRequest(id, "referral:echo", caregiver: mother, givenOn: "2026-11-24"), .directorA1, .invalidArgument, "in the future"),
                (consentRequest(id, "referral:echo", caregiver: mother, givenOn: "2019-04-22"), .directorA1, .invalidArgument, "before the child was born"),
                (consentRequest(id, "referral:echo", caregiver: mother, givenOn: "20-11-2026"), .directorA1, .invalidArgument, "given_on:"),
                (consentRequest(id, "referral:echo", caregiver: mother), .operatorWorker, .permissionDenied, "operators"),
                (consentRequest(id, "referral:echo", caregiver: mother), .directorB1, .notFound, "no child '\(id)'"),
                (consentRequest(id, "registration", caregiver: mother), .directorA1, .alreadyExists, "withdraw it before recording another"),
            ]
            var byChild = consentRequest(id, "referral:echo", caregiver: "")
            byChild.givenBy = .child
            cases.append((byChild, .directorA1, .failedPrecondition, "a child consents for themselves from 16"))
            var noGiver = consentRequest(id, "referral:echo", caregiver: mother)
            noGiver.givenBy = .unspecified
            cases.append((noGiver, .directorA1, .invalidArgument, "given_by: is required"))
            var selfWitness = consentRequest(id, "referral:echo", caregiver: mother)
            selfWitness.method = .verbalWitnessed
            selfWitness.witnessWorkerID = "directorA1"
            cases.append((selfWitness, .directorA1, .failedPrecondition, "another worker"))
            var unknownWitness = selfWitness
            unknownWitness.witnessWorkerID = "nobody"
            cases.append((unknownWitness, .directorA1, .failedPrecondition, "nobody is not an active worker"))
            var paperWithWitness = consentRequest(id, "referral:echo", caregiver: mother)
            paperWithWitness.witnessWorkerID = "supervisorA"
            cases.append((paperWithWitness, .directorA1, .invalidArgument, "witness_worker_id: is only for"))
            for (request, who, code, message) in cases {
                let error = await rpcError { _ = try await county.consent(as: who) { try await $0.recordConsent(request) } }
                #expect(error?.code == code, "\(request.purpose) as \(who): \(String(describing: error))")
                #expect(error?.message.contains(message) == true, "\(String(describing: error?.message))")
            }
            let count = try await county.host.host.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM core_consent") }
            #expect(count == 1)
        }
    }

    @Test("a child consents for themselves from the 16th birthday")
    func childFromSixteen() async throws {
        try await CoreCounty.with { county in
            let child = try await county.registerChild("李明", born: "2010-11-21")
            var request = consentRequest(child.childID, "referral:echo", caregiver: "")
            request.givenBy = .child
            request.givenOn = "2026-11-20"
            let error = await rpcError { _ = try await county.consent(as: .directorA1) { try await $0.recordConsent(request) } }
            #expect(error?.code == .failedPrecondition && error?.message.contains("was 15 on 2026-11-20") == true)
            request.givenOn = "2026-11-21"
            let consent = try await county.consent(as: .directorA1) { try await $0.recordConsent(request).consent }
            #expect(consent.givenBy == .child && consent.caregiverID.isEmpty)
        }
    }

    @Test("withdrawal keeps the record, blocks new submissions and puts open applications on the work list")
    func withdrawal() async throws {
        try await CoreCounty.with { county in
            let (child, _) = try await county.childWithMother()
            let consent = try await county.recordConsent(echoReferral, for: child)
            let open = try await county.submitEcho(child.childID, kind: "referral")
            let closed = try await county.submitEcho(child.childID, kind: "referral")
            _ = try await county.transition(closed, .withdraw, reason: "duplicate", as: .directorA1)
            let note = try await county.submitEcho(child.childID, kind: "")
            let withdrawn = try await county.withdrawConsent(consent.consentID, reason: "the family moved")
            #expect(withdrawn.consent.withdrawnOn == "2026-11-23" && withdrawn.consent.withdrawalReason == "the family moved")
            #expect(withdrawn.consent.withdrawnBy == "directorA1")
            #expect(withdrawn.openApplicationIds == [open], "not \(closed) (withdrawn) nor \(note) (needs no consent)")
            let items = try await county.as(.supervisorA) { client in
                try await Kiosk_Core_V1_WorkList.Client(wrapping: client).listWorkItems(.init()).items
            }
            let item = try #require(items.first { $0.itemID == withdrawn.workItemID })
            #expect(item.kind == "consent-withdrawn:referral:echo" && item.urgency == .urgent && item.childID == child.childID)
            #expect(item.summary.contains(open) && !item.summary.contains(child.details.name))

            let again = await rpcError { _ = try await county.withdrawConsent(consent.consentID) }
            #expect(again?.code == .failedPrecondition && again?.message.contains("already withdrawn on 2026-11-23") == true)
            let blocked = await rpcError { _ = try await county.submitEcho(child.childID, kind: "referral") }
            #expect(blocked?.code == .failedPrecondition && blocked?.message.contains("withdrawn on 2026-11-23") == true)
            let history = try await county.consent(as: .directorA1) { client in
                var request = Kiosk_Core_V1_ListConsentsRequest()
                request.childID = child.childID
                return try await client.listConsents(request).consents
            }
            #expect(history.contains { $0.consentID == consent.consentID && $0.withdrawnOn == "2026-11-23" })
            let renewed = try await county.recordConsent(echoReferral, for: child)
            #expect(renewed.consentID != consent.consentID)
            _ = try await county.submitEcho(child.childID, kind: "referral")
        }
    }

    @Test("withdrawing needs a reason, a date not in the future nor before the consent, and the jurisdiction")
    func withdrawalRefusals() async throws {
        try await CoreCounty.with { county in
            let (child, _) = try await county.childWithMother()
            let consent = try await county.recordConsent(echoReferral, for: child, givenOn: "2026-11-20")
            func withdraw(_ reason: String, on date: String = "", as who: TestCounty.Who = .directorA1) async -> RPCError? {
                await rpcError {
                    _ = try await county.consent(as: who) { client in
                        var request = Kiosk_Core_V1_WithdrawConsentRequest()
                        request.consentID = consent.consentID
                        request.reason = reason
                        request.withdrawnOn = date
                        return try await client.withdrawConsent(request)
                    }
                }
            }
            #expect(await withdraw(" ")?.message == "reason: is required")
            #expect(await withdraw("moved", on: "2026-11-24")?.message.contains("in the future") == true)
            #expect(await withdraw("moved", on: "2026-11-19")?.message.contains("before the consent was given (2026-11-20)") == true)
            #expect(await withdraw("moved", as: .directorB1)?.code == .notFound)
            #expect(await withdraw("moved", as: .operatorWorker)?.code == .permissionDenied)
            #expect(await withdraw("moved", on: "2026-11-21") == nil)
        }
    }
}
