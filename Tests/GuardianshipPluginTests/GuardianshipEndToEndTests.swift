import GRPCCore
import GuardianshipPlugin
import KioskDomain
import KioskPluginKit
import KioskProtos
import KioskTesting
import SwiftProtobuf
import Testing

/// The plugin over the wire: a live host on a loopback port, workers signed in at a kiosk.
@Suite("Guardianship over the wire")
struct GuardianshipEndToEndTests {
    @Test("situation, assessment, entrusted care through the workflow, reviews, overdue list, and the end recorded")
    func arrangementLifecycle() async throws {
        try await TestCounty.with(plugins: [GuardianshipPlugin.self]) { county in
            let (childID, applicationID) = try await county.as(.directorA1) { client in
                let guardianship = GuardianshipClient(wrapping: client)
                let childID = try await county.consentingChild("王小莲", born: "2018-05-01")
                var situation = Kiosk_Plugins_Guardianship_V1_RecordSituationRequest()
                situation.childID = childID
                situation.mother = .with { $0.status = .migrated; $0.migratedTo = "Guangzhou"; $0.migratedSince = "2025-03-01" }
                situation.father.status = .deceased
                situation.caregiver = .with { $0.name = "王奶奶"; $0.relationship = .grandparent; $0.age = 78 }
                let recorded = try await guardianship.recordSituation(situation).situation
                #expect(recorded.careStatus == "left-behind")
                #expect(recorded.urgentItemID.isEmpty)

                // Kinship care is not for a child whose mother can entrust her.
                var kinship = Kiosk_Plugins_Guardianship_V1_SubmitArrangementRequest()
                kinship.childID = childID
                kinship.type = .kinshipCare
                kinship.caregiver = situation.caregiver
                let refused = await rpcError { _ = try await guardianship.submitArrangement(kinship) }
                #expect(refused?.code == .failedPrecondition)
                #expect(refused?.message.contains("no-parent-can-care") == true)
                #expect(refused?.message.contains("caregiver-assessed-fit") == true)

                let assessment = try await guardianship.assessCaregiver(.with { $0.childID = childID; $0.answers = answers() }).assessment
                #expect(assessment.riskLevel == .high)
                #expect(!assessment.unfit)
                #expect(assessment.reasons == ["caregiver aged 78 (+2)", "low income (+1)", "inadequate housing (+1)"])

                var entrusted = kinship
                entrusted.type = .entrustedCare
                entrusted.entrustingParent = .mother
                entrusted.agreementDate = "2026-11-20"
                let submitted = try await guardianship.submitArrangement(entrusted)
                #expect(submitted.checks.filter { !$0.passed }.isEmpty)
                #expect(submitted.checks.map(\.rule).contains("parent-agreement-recorded"))
                return (childID, submitted.applicationID)
            }
            try await county.approve(applicationID)
            let active = try await county.transition(applicationID, .activate, as: .officer)
            #expect(active.kind == "guardianship.entrusted-care")
            try await county.as(.directorA1) { client in
                let guardianship = GuardianshipClient(wrapping: client)
                let arrangement = try #require(try await guardianship.getGuardianship(.with { $0.childID = childID }).arrangements.first)
                #expect(arrangement.arrangementID == applicationID)
                #expect(arrangement.startedOn == "2026-11-23")
                #expect(arrangement.riskLevel == .high)
                #expect(arrangement.reviewIntervalMonths == 3)
                #expect(arrangement.nextReviewDue == "2027-02-23")
                #expect(arrangement.caregiver.name == "王奶奶")
            }

            try county.clock.set(today: "2027-03-01")
            try await county.as(.supervisorA) { client in
                let overdue = try await GuardianshipClient(wrapping: client).listOverdueReviews(.init()).arrangements
                #expect(overdue.map(\.arrangementID) == [applicationID])
            }
            try await county.as(.directorA1) { client in
                let guardianship = GuardianshipClient(wrapping: client)
                // A better assessment: medium risk, so reviews every 6 months.
                _ = try await guardianship.assessCaregiver(.with { $0.childID = childID; $0.answers = answers(age: 70, income: .adequate) })
                let reviewed = try await guardianship.recordReview(.with {
                    $0.arrangementID = applicationID
                    $0.reviewedOn = "2027-02-28"
                    $0.notes = "visited; the child attends school"
                }).arrangement
                #expect(reviewed.lastReviewedOn == "2027-02-28")
                #expect(reviewed.reviewIntervalMonths == 6)
                #expect(reviewed.nextReviewDue == "2027-08-28")
                let stillOverdue = try await guardianship.listOverdueReviews(.init())
                #expect(stillOverdue.arrangements.isEmpty)
                let noNotes = await rpcError { _ = try await guardianship.recordReview(.with { $0.arrangementID = applicationID; $0.reviewedOn = "2027-02-28" }) }
                #expect(noNotes?.code == .invalidArgument)

                let tooYoung = await rpcError {
                    _ = try await guardianship.endArrangement(.with { $0.arrangementID = applicationID; $0.endedOn = "2027-03-01"; $0.reason = .turned18 })
                }
                #expect(tooYoung?.code == .failedPrecondition)
                #expect(tooYoung?.message == "the child is 8 on 2027-03-01, not 18")
                let noReason = await rpcError {
                    _ = try await guardianship.endArrangement(.with { $0.arrangementID = applicationID; $0.endedOn = "2027-03-01"; $0.reason = .other })
                }
                #expect(noReason?.message == "note: is required when the reason is other")
                let ended = try await guardianship.endArrangement(.with {
                    $0.arrangementID = applicationID
                    $0.endedOn = "2027-03-01"
                    $0.reason = .returnedToParent
                }).arrangement
                #expect(ended.endedOn == "2027-03-01")
                #expect(ended.endReason == .returnedToParent)
                let again = await rpcError {
                    _ = try await guardianship.endArrangement(.with { $0.arrangementID = applicationID; $0.endedOn = "2027-03-01"; $0.reason = .movedAway })
                }
                #expect(again?.code == .failedPrecondition)
                let application = try await Kiosk_Core_V1_Applications.Client(wrapping: client)
                    .getApplication(.with { $0.applicationID = applicationID }).application
                #expect(application.state == .closed)
                let history = try await guardianship.getGuardianship(.with { $0.childID = childID })
                #expect(history.arrangements.map(\.endReason) == [.returnedToParent])
                #expect(history.assessments.count == 2)
                #expect(history.situationRecorded)
            }
        }
    }

    @Test("no caregiver and an unfit caregiver are urgent on the township's work list; only village directors assess")
    func urgentCases() async throws {
        try await TestCounty.with(plugins: [GuardianshipPlugin.self]) { county in
            let (alone, unfitChild) = try await county.as(.directorA1) { client in
                let guardianship = GuardianshipClient(wrapping: client)
                let alone = try await county.registerChild("李明", born: "2015-02-01").childID
                var situation = Kiosk_Plugins_Guardianship_V1_RecordSituationRequest()
                situation.childID = alone
                situation.mother.status = .missing
                situation.father.status = .imprisoned
                situation.noCaregiver = true
                let recorded = try await guardianship.recordSituation(situation).situation
                #expect(recorded.noCaregiver)
                #expect(recorded.careStatus == "no-parent-able")
                #expect(!recorded.urgentItemID.isEmpty)

                let other = try await county.registerChild("张华", born: "2016-07-01").childID
                let unfit = try await guardianship.assessCaregiver(.with {
                    $0.childID = other
                    $0.answers = answers(name: "张叔", age: 40, income: .adequate, history: true)
                }).assessment
                #expect(unfit.unfit)
                #expect(!unfit.urgentItemID.isEmpty)
                let badStatus = await rpcError {
                    _ = try await guardianship.recordSituation(.with { $0.childID = other; $0.father.status = .present })
                }
                #expect(badStatus?.code == .invalidArgument)
                #expect(badStatus?.message == "mother.status: is required")
                return (alone, other)
            }
            try await county.as(.supervisorA) { client in
                let items = try await Kiosk_Core_V1_WorkList.Client(wrapping: client).listWorkItems(.with { $0.pageSize = 50 }).items
                let kinds = Dictionary(uniqueKeysWithValues: items.map { ($0.childID, $0) })
                #expect(kinds[alone]?.kind == "guardianship.no-caregiver")
                #expect(kinds[alone]?.urgency == .urgent)
                #expect(kinds[unfitChild]?.kind == "guardianship.caregiver-unfit")
                #expect(kinds[unfitChild]?.urgency == .urgent)
                let assess = await rpcError {
                    _ = try await GuardianshipClient(wrapping: client).assessCaregiver(.with { $0.childID = alone; $0.answers = answers() })
                }
                #expect(assess?.code == .permissionDenied)
            }
            try await county.as(.directorA2) { client in
                let guardianship = GuardianshipClient(wrapping: client)
                let refusal1 = await rpcError { _ = try await guardianship.getGuardianship(.with { $0.childID = alone }) }
                #expect(refusal1?.code == .notFound)
                let outside = await rpcError { _ = try await guardianship.listOverdueReviews(.with { $0.division = "530102001001" }) }
                #expect(outside?.code == .permissionDenied)
            }
            try await county.as(.directorA1) { client in
                // A caregiver found: the no-caregiver item is resolved.
                var situation = Kiosk_Plugins_Guardianship_V1_RecordSituationRequest()
                situation.childID = alone
                situation.mother.status = .missing
                situation.father.status = .imprisoned
                situation.caregiver = .with { $0.name = "李姑姑"; $0.relationship = .auntOrUncle; $0.age = 45 }
                _ = try await GuardianshipClient(wrapping: client).recordSituation(situation)
            }
            try await county.as(.supervisorA) { client in
                let items = try await Kiosk_Core_V1_WorkList.Client(wrapping: client).listWorkItems(.with { $0.pageSize = 50 }).items
                #expect(!items.contains { $0.childID == alone })
            }
        }
    }
}
