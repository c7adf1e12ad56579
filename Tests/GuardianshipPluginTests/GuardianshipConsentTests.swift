import GRPCCore
import GuardianshipPlugin
import KioskPluginKit
import KioskProtos
import KioskTesting
import SwiftProtobuf
import Testing

/// The guardian's consent an arrangement application needs, and the urgent override for a child at
/// risk, over the wire (README.md, "Guardian consent").
@Suite("Guardianship over the wire: the guardian's consent")
struct GuardianshipConsentTests {
    static func entrustedCare(_ childID: String) -> Kiosk_Plugins_Guardianship_V1_SubmitArrangementRequest {
        .with {
            $0.childID = childID
            $0.type = .entrustedCare
            $0.caregiver = .with { $0.name = "王奶奶"; $0.relationship = .grandparent; $0.age = 78 }
            $0.entrustingParent = .mother
            $0.agreementDate = "2026-11-20"
        }
    }

    @Test("an arrangement without the referral consent is refused naming the purpose and the child; with it, it goes through")
    func consentNeeded() async throws {
        try await TestCounty.with(plugins: [GuardianshipPlugin.self]) { county in
            let childID = try await county.leftBehindChild("赵小雨", consented: false)
            let refused = await rpcError {
                _ = try await county.guardianship(.directorA1) { client in
                    _ = try await client.assessCaregiver(.with { $0.childID = childID; $0.answers = answers() })
                    return try await client.submitArrangement(Self.entrustedCare(childID))
                }
            }
            #expect(refused?.code == .failedPrecondition)
            let message = refused?.message ?? ""
            #expect(message.hasPrefix("child \(childID) has no consent for referral:guardianship on record"), "\(message)")
            #expect(message.contains("application kind guardianship.entrusted-care needs it"), "\(message)")

            let child = try await county.as(.directorA1) { client in
                try await Kiosk_Core_V1_Children.Client(wrapping: client).getChild(.with { $0.childID = childID }).child
            }
            _ = try await county.recordConsent(.referral(to: "guardianship"), for: child)
            let submitted = try await county.guardianship(.directorA1) { try await $0.submitArrangement(Self.entrustedCare(childID)) }
            #expect(submitted.checks.allSatisfy { $0.passed })
            #expect(try await county.application(submitted.applicationID).kind == "guardianship.entrusted-care")
        }
    }

    @Test("a child with no one to consent: a township supervisor's urgent override lets one institutional-care application through")
    func urgentOverride() async throws {
        try await TestCounty.with(plugins: [GuardianshipPlugin.self]) { county in
            let childID = try await county.registerChild("李明", born: "2015-02-01").childID
            let institution = Kiosk_Plugins_Guardianship_V1_SubmitArrangementRequest.with {
                $0.childID = childID
                $0.type = .institutionalCare
                $0.institutionName = "县儿童福利院"
                $0.reason = "no relative can take him; no foster family approved nearby"
            }
            let submit = { try await county.guardianship(.directorA1) { try await $0.submitArrangement(institution) } }
            try await county.guardianship(.directorA1) { client in
                _ = try await client.recordSituation(.with {
                    $0.childID = childID
                    $0.mother.status = .missing
                    $0.father.status = .imprisoned
                    $0.noCaregiver = true
                })
            }
            #expect(await rpcCode { _ = try await submit() } == .failedPrecondition)

            let override = try await county.as(.supervisorA) { client in
                try await Kiosk_Core_V1_Consent.Client(wrapping: client).recordUrgentOverride(.with {
                    $0.childID = childID
                    $0.purpose = "referral:guardianship"
                    $0.reason = "no caregiver; the child is alone at home"
                }).urgentOverride
            }
            let submitted = try await submit()
            #expect(submitted.checks.allSatisfy { $0.passed })
            let application = try await county.application(submitted.applicationID)
            #expect(application.kind == "guardianship.institutional-care")
            #expect(application.history.first?.reason == "urgent override \(override.overrideID)")

            // One override, one submission.
            let again = await rpcError { _ = try await submit() }
            #expect(again?.code == .failedPrecondition)
            #expect(again?.message.contains("child \(childID) has no consent for referral:guardianship on record") == true, "\(again?.message ?? "")")
        }
    }
}
