import EchoPlugin
import GRDB
import GRPCCore
import KioskStore
import KioskHost
import KioskPluginKit
import KioskProtos
import KioskRecords
import KioskTesting
import Testing

@Suite("Urgent overrides of a missing consent")
struct UrgentOverrideTests {
    @Test("a township or county worker lets one submission through; it is named in the history and audited")
    func oneSubmission() async throws {
        try await CoreCounty.with { county in
            let child = try await county.registerChild("王小莲")
            #expect(await rpcCode { _ = try await county.recordOverride(child.childID, purpose: echoReferral, as: .directorA1) } == .permissionDenied)
            let override = try await county.recordOverride(child.childID, purpose: echoReferral, reason: "bruises seen at school")
            #expect(override.recordedBy == "supervisorA" && override.reason == "bruises seen at school" && override.usedByApplicationID.isEmpty)
            #expect(override.validUntilUnix - override.recordedAtUnix == 72 * 3600)
            let applicationID = try await county.submitEcho(child.childID, kind: "referral")
            let second = await rpcError { _ = try await county.submitEcho(child.childID, kind: "referral") }
            #expect(second?.code == .failedPrecondition && second?.message.contains("no consent for referral:echo") == true)
            let application = try await county.as(.directorA1) { client in
                var get = Kiosk_Core_V1_GetApplicationRequest()
                get.applicationID = applicationID
                return try await Kiosk_Core_V1_Applications.Client(wrapping: client).getApplication(get).application
            }
            #expect(application.history.first?.reason == "urgent override \(override.overrideID)")
            let audit = try await county.host.host.database.read { db in
                try AuditLog.entries(in: db).filter { $0.action.contains("override") }.map { "\($0.actor) \($0.action) \($0.applicationID ?? "-")" }
            }
            #expect(audit == ["directorA1 consent.record-urgent-override -", "supervisorA consent.record-urgent-override -", "directorA1 consent.use-urgent-override \(applicationID)"])
        }
    }

    @Test("an override expires after the hours the county set, and is refused where consent is in force")
    func expiryAndNeed() async throws {
        try await TestCounty.with(plugins: [EchoPlugin.self], configure: { $0.environment["KIOSKD_CORE_URGENT_OVERRIDE_HOURS"] = "2" }) { county in
            let child = try await county.registerChild("王小莲")
            let override = try await county.recordOverride(child.childID, purpose: echoReferral, as: .officer)
            #expect(override.validUntilUnix - override.recordedAtUnix == 2 * 3600)
            county.clock.advance(by: 2 * 3600)
            #expect(await rpcCode { _ = try await county.submitEcho(child.childID, kind: "referral") } == .failedPrecondition)
            county.clock.advance(by: -1)
            _ = try await county.submitEcho(child.childID, kind: "referral")
            _ = try await county.recordConsent(echoReferral, for: child)
            let unneeded = await rpcError { _ = try await county.recordOverride(child.childID, purpose: echoReferral) }
            #expect(unneeded?.code == .failedPrecondition && unneeded?.message.contains("no override is needed") == true)
        }
    }

    @Test("overrides wait for county review in the jurisdiction; only county officers review, once, with a note")
    func review() async throws {
        try await CoreCounty.with { county in
            let childA = try await county.registerChild("王小莲")
            let childB = try await county.registerChild("李小红", village: TestCounty.villageB1)
            let overrideA = try await county.recordOverride(childA.childID, purpose: echoReferral)
            let overrideB = try await county.recordOverride(childB.childID, purpose: echoReferral, as: .supervisorB)
            func pending(as who: TestCounty.Who, includeReviewed: Bool = false) async throws -> [String] {
                try await county.consent(as: who) { client in
                    var request = Kiosk_Core_V1_ListUrgentOverridesRequest()
                    request.includeReviewed = includeReviewed
                    return try await client.listUrgentOverrides(request).overrides.map(\.overrideID)
                }
            }
            #expect(try await pending(as: .supervisorA) == [overrideA.overrideID])
            #expect(Set(try await pending(as: .officer)) == [overrideA.overrideID, overrideB.overrideID])
            #expect(await rpcCode { _ = try await pending(as: .directorA1) } == .permissionDenied)
            func review(_ id: String, note: String = "justified", as who: TestCounty.Who = .officer) async -> RPCError? {
                await rpcError {
                    _ = try await county.consent(as: who) { client in
                        var request = Kiosk_Core_V1_ReviewUrgentOverrideRequest()
                        request.overrideID = id
                        request.note = note
                        return try await client.reviewUrgentOverride(request)
                    }
                }
            }
            #expect(await review(overrideA.overrideID, as: .supervisorA)?.code == .permissionDenied)
            #expect(await review(overrideA.overrideID, as: .otherCountyOfficer)?.code == .notFound)
            #expect(await review(overrideA.overrideID, note: "")?.message == "note: is required")
            #expect(await review(overrideA.overrideID) == nil)
            #expect(await review(overrideA.overrideID)?.message.contains("already reviewed by officer") == true)
            #expect(try await pending(as: .officer) == [overrideB.overrideID])
            #expect(try await pending(as: .officer, includeReviewed: true).count == 2)
        }
    }
}
