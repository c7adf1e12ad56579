import AllowancesPlugin
import GRPCCore
import KioskPluginKit
import KioskProtos
import KioskTesting
import SwiftProtobuf
import Testing

/// The guardian's consent an allowance application needs, over the wire (README.md, "Guardian consent").
@Suite("Allowances over the wire: the guardian's consent")
struct AllowancesConsentTests {
    @Test("an application without the referral consent is refused naming the purpose and the child; with it, it goes through")
    func consentNeeded() async throws {
        try await TestCounty.allowances(today: "2025-03-10") { county in
            let child = try await county.registerChild("王小莲", born: "2012-05-01", categories: [.orphan])
            let refused = await rpcError { _ = try await county.submit(child.childID, .orphanBasicLiving) }
            #expect(refused?.code == .failedPrecondition)
            let message = refused?.message ?? ""
            #expect(message.hasPrefix("child \(child.childID) has no consent for referral:allowances on record"), "\(message)")
            #expect(message.contains("application kind allowances.orphan-basic-living needs it"), "\(message)")

            _ = try await county.recordConsent(.referral(to: "allowances"), for: child)
            let applicationID = try await county.submit(child.childID, .orphanBasicLiving)
            let listed = try await county.as(.directorA1) { client in
                try await Kiosk_Core_V1_Applications.Client(wrapping: client).listApplications(.with { $0.childID = child.childID }).applications
            }
            // The refusal stored nothing: the one application is the one submitted with consent.
            #expect(listed.map(\.applicationID) == [applicationID])
            #expect(listed.first?.kind == "allowances.orphan-basic-living")
        }
    }
}
