import GRPCCore
import KioskPluginKit
import KioskProtos
import KioskTesting
import NutritionPlugin
import SwiftProtobuf
import Testing

/// The guardian's consent a support application needs, over the wire (README.md, "Guardian consent").
@Suite("Nutrition over the wire: the guardian's consent")
struct NutritionConsentTests {
    @Test("a support application without the referral consent is refused naming the purpose and the child; with it, it goes through")
    func consentNeeded() async throws {
        try await TestCounty.with(plugins: [NutritionPlugin.self]) { county in
            let infant = try await county.registerChild("王小莲", born: "2025-11-01")
            let request = Kiosk_Plugins_Nutrition_V1_SubmitSupportApplicationRequest.with {
                $0.childID = infant.childID
                $0.kind = .micronutrientSachets
            }
            let refused = try await county.as(.directorA1) { client in
                let nutrition = NutritionClient(wrapping: client)
                _ = try await nutrition.recordMeasurement(measurementRequest(infant.childID, on: "2026-11-20", weight: 9.5, length: 76, position: .lying))
                return await rpcError { _ = try await nutrition.submitSupportApplication(request) }
            }
            #expect(refused?.code == .failedPrecondition)
            let message = refused?.message ?? ""
            #expect(message.hasPrefix("child \(infant.childID) has no consent for referral:nutrition on record"), "\(message)")
            #expect(message.contains("application kind nutrition.micronutrient-sachets needs it"), "\(message)")

            _ = try await county.recordConsent(.referral(to: "nutrition"), for: infant)
            let applications = try await county.as(.directorA1) { client in
                let response = try await NutritionClient(wrapping: client).submitSupportApplication(request)
                #expect(response.checks.allSatisfy { $0.passed })
                return try await Kiosk_Core_V1_Applications.Client(wrapping: client)
                    .listApplications(.with { $0.childID = infant.childID }).applications
            }
            #expect(applications.map(\.kind) == ["nutrition.micronutrient-sachets"])
        }
    }
}
