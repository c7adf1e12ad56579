import Foundation
import KioskPluginKit
import KioskProtos
import KioskTesting
import Testing

extension KioskProgramTests {
    /// purposes, consents, consent, withdraw-consent, override, overrides, review-override, access.
    static func consent(_ kiosk: inout KioskProgram, host: LiveKioskHost, childID: String) async throws {
        let supervisor = try await host.addWorker("supervisor-1", role: .townshipSupervisor, jurisdiction: "530102001", pin: "246811")
        let officer = try await host.addWorker("officer-1", role: .countyOfficer, jurisdiction: "530102", pin: "246812")
        let (sibling, mother) = try await Self.childWithMother(host: host, registration: kiosk.registration)
        let purposes = try await kiosk.run("purposes")
        #expect(purposes.status == 0 && purposes.output.contains("purpose: \"referral:echo\""), "\(purposes.output)")
        #expect(purposes.output.contains("application_kinds: \"echo.referral\""))
        let none = try await kiosk.run("consents", sibling)
        #expect(none.status == 0 && none.output == "no consents recorded\n", "\(none.output)")
        let badGiver = try await kiosk.run("consent", sibling, "referral:echo", "grandma", "paper", "2025-06-01")
        #expect(badGiver.status == 64 && badGiver.error.contains("GIVER is caregiver:CAREGIVER_ID or child"))
        let young = try await kiosk.run("consent", sibling, "referral:echo", "child", "paper", "2025-06-01")
        #expect(young.status == 2 && young.error.contains("refused: FAILED_PRECONDITION") && young.error.contains("from 16"), "\(young.error)")
        let given = try await kiosk.run("consent", sibling, "referral:echo", "caregiver:\(mother)", "paper", "2025-06-01")
        #expect(given.status == 0 && given.output.contains("method: CONSENT_METHOD_SIGNED_PAPER"), "\(given.error)")
        let consentID = try #require(textField("consent_id", in: given.output))
        let listed = try await kiosk.run("consents", sibling)
        #expect(listed.status == 0 && textField("consent_id", in: listed.output) == consentID)
        let withdrawn = try await kiosk.run("withdraw-consent", consentID, "the family moved")
        #expect(withdrawn.status == 0 && withdrawn.output.contains("withdrawal_reason: \"the family moved\""), "\(withdrawn.error)")
        let notMine = try await kiosk.run("override", childID, "referral:echo", "at risk")
        #expect(notMine.status == 2 && notMine.error.contains("refused: PERMISSION_DENIED"), "\(notMine.error)")

        #expect(try await kiosk.launch(["sign-in", supervisor.id, supervisor.pin]).status == 0)
        let override = try await kiosk.run("override", childID, "referral:echo", "injuries seen at school")
        #expect(override.status == 0 && override.output.contains("recorded_by: \"supervisor-1\""), "\(override.error)")
        let overrideID = try #require(textField("override_id", in: override.output))
        let waiting = try await kiosk.run("overrides")
        #expect(waiting.status == 0 && textField("override_id", in: waiting.output) == overrideID, "\(waiting.output)")
        let notTownship = try await kiosk.run("review-override", overrideID, "fine")
        #expect(notTownship.status == 2 && notTownship.error.contains("PERMISSION_DENIED"))
        let hidden = try await kiosk.launch(["access", childID])
        #expect(hidden.status == 2 && hidden.error.contains("county officers only"), "\(hidden.error)")

        #expect(try await kiosk.launch(["sign-in", officer.id, officer.pin]).status == 0)
        let reviewed = try await kiosk.run("review-override", overrideID, "justified")
        #expect(reviewed.status == 0 && reviewed.output.contains("reviewed_by: \"officer-1\""), "\(reviewed.error)")
        let empty = try await kiosk.launch(["overrides"])
        #expect(empty.output == "no urgent overrides waiting for county review\n", "\(empty.output)")
        let all = try await kiosk.launch(["overrides", "all"])
        #expect(textField("override_id", in: all.output) == overrideID)
        let access = try await kiosk.run("access", childID)
        #expect(access.status == 0 && access.output.contains("action: \"consent.record-urgent-override\""), "\(access.output)")
        #expect(access.output.contains("role: \"township-supervisor\"") && access.output.contains("kiosk_id: \"\(kiosk.registration.kiosk.id)\""))
    }

    /// A child of the test village registered with a household and its mother; returns both ids.
    static func childWithMother(host: LiveKioskHost, registration: Registration) async throws -> (String, String) {
        try await host.withSignedInClient(kiosk: registration.kiosk, worker: registration.worker) { client in
            let children = Kiosk_Core_V1_Children.Client(wrapping: client)
            var household = Kiosk_Core_V1_CreateHouseholdRequest()
            household.village = "530102001001"
            household.address = "村西头"
            var mother = Kiosk_Core_V1_Caregiver()
            mother.name = "李桂英"
            household.caregivers = [mother]
            let created = try await children.createHousehold(household).household
            var request = Kiosk_Core_V1_RegisterChildRequest()
            request.details = childDetails("李小兰", born: "2016-01-01")
            request.details.householdID = created.householdID
            var link = Kiosk_Core_V1_ChildCaregiver()
            link.caregiverID = created.caregivers[0].caregiverID
            link.relationship = .mother
            request.caregivers = [link]
            request.confirmedNotDuplicate = true
            return (try await children.registerChild(request).child.childID, link.caregiverID)
        }
    }
}
