import CivilRegistrationPlugin
import GRPCCore
import KioskPluginKit
import KioskProtos
import KioskTesting
import SwiftProtobuf
import Testing

/// The guardian's consent a registration case needs, over the wire (README.md, "Guardian consent").
@Suite("Civil registration over the wire: the guardian's consent")
struct CivilRegistrationConsentTests {
    @Test("a case submitted without the referral consent is refused naming the purpose and the child and stays a draft; with it, it goes through")
    func consentNeeded() async throws {
        try await TestCounty.civilRegistration(today: "2025-03-10") { county in
            let childID = try await county.child("林小花", consented: false)
            let caseID = try await county.open(childID, .abandonedOrFound)
            try await county.see(caseID, .policeFoundChildReport)
            try await county.see(caseID, .civilAffairsPlacementDocument)
            let refused = await rpcError { _ = try await county.submit(caseID) }
            #expect(refused?.code == .failedPrecondition)
            let message = refused?.message ?? ""
            #expect(message.hasPrefix("child \(childID) has no consent for referral:civil_registration on record"), "\(message)")
            #expect(message.contains("application kind civil_registration.hukou needs it"), "\(message)")
            let draft = try await county.registrationCase(caseID)
            #expect(draft.state == .draft)
            #expect(draft.applicationID.isEmpty)

            _ = try await county.recordConsent(.referral(to: "civil_registration"), for: try await county.record(childID))
            let submitted = try await county.submit(caseID)
            #expect(submitted.state == .submitted)
            #expect(try await county.application(submitted.applicationID).kind == "civil_registration.hukou")
        }
    }
}
