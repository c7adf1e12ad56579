import GRPCCore
import KioskPluginKit
import KioskProtos
import KioskTesting
import NutritionPlugin
import SwiftProtobuf
import Testing

@Suite("Nutrition over the wire: settings and declarations")
struct NutritionSettingsTests {
    @Test("recent-measurement-days narrows the window of a recent measurement")
    func recentMeasurementWindow() async throws {
        try await TestCounty.with(plugins: [NutritionPlugin.self], settings: ["nutrition.recent-measurement-days": "30"]) { county in
            let infant = try await county.consentingChild("王小莲", born: "2025-11-01")
            try await county.as(.directorA1) { client in
                let nutrition = NutritionClient(wrapping: client)
                _ = try await nutrition.recordMeasurement(measurementRequest(infant, on: "2026-10-01", weight: 9.5, length: 76, position: .lying))
                let request = Kiosk_Plugins_Nutrition_V1_SubmitSupportApplicationRequest.with { $0.childID = infant; $0.kind = .micronutrientSachets }
                let stale = await rpcError { _ = try await nutrition.submitSupportApplication(request) }
                #expect(stale?.code == .failedPrecondition)
                #expect(stale?.message.contains("recent-measurement: the latest measurement is of 2026-10-01, 53 days ago; it must be at most 30 days old") == true)
                _ = try await nutrition.recordMeasurement(measurementRequest(infant, on: "2026-11-01", weight: 9.6, length: 76.5, position: .lying))
                #expect(try await nutrition.submitSupportApplication(request).checks.allSatisfy(\.passed))
            }
        }
    }

    @Test("a bad recent-measurement-days stops the host naming the plugin, the key and the rule", arguments: ["0", "366", "ninety"])
    func badSetting(value: String) async throws {
        do {
            try await TestCounty.with(plugins: [NutritionPlugin.self], settings: ["nutrition.recent-measurement-days": value]) { _ in }
            Issue.record("the host started with recent-measurement-days = \(value)")
        } catch {
            #expect("\(error)".hasPrefix("setting nutrition.recent-measurement-days = '\(value)' must be a whole number from 1 to 365"), "\(error)")
        }
    }

    @Test("both kinds of support are declared as application kinds needing the referral consent")
    func applicationKinds() {
        let kinds = NutritionPlugin.metadata.applicationKinds
        #expect(kinds.map(\.kind) == ["micronutrient-sachets", "supplementary-food"])
        #expect(kinds.allSatisfy { !$0.title.zh.isEmpty && !$0.title.en.isEmpty && $0.consent?.id == "referral:nutrition" })
    }
}
