import KioskProtos
import KioskTesting
import NutritionPlugin
import Testing

@Suite("Nutrition in the programme's reports")
struct IndicatorTests {
    @Test("children measured, SAM found and referred, MAM found, support approved; the combined indicator counts the left-behind child")
    func measuredFoundSupported() async throws {
        try await TestCounty.with(plugins: [NutritionPlugin.self], today: "2026-01-20") { county in
            let normalChild = try await county.registerChild("王小莲", born: "2025-06-01", categories: [.leftBehindBothParents])
            _ = try await county.recordConsent(NutritionPlugin.consent, for: normalChild)
            let normal = normalChild.childID
            let severe = try await county.registerChild("王小明", born: "2025-01-10", village: TestCounty.villageA2).childID
            let moderate = try await county.registerChild("李晓华", born: "2025-01-10", village: TestCounty.villageB1).childID
            try await county.as(.directorA1) { client in
                let nutrition = NutritionClient(wrapping: client)
                _ = try await nutrition.recordMeasurement(measurementRequest(normal, on: "2026-01-10", weight: 8, length: 68, position: .lying, muac: 140))
            }
            try await county.as(.directorA2) { client in
                _ = try await NutritionClient(wrapping: client).recordMeasurement(measurementRequest(severe, on: "2026-01-11", muac: 100))
            }
            try await county.as(.directorB1) { client in
                _ = try await NutritionClient(wrapping: client).recordMeasurement(measurementRequest(moderate, on: "2026-01-12", muac: 120))
            }
            let applicationID = try await county.as(.directorA1) { client in
                var request = Kiosk_Plugins_Nutrition_V1_SubmitSupportApplicationRequest()
                request.childID = normal
                request.kind = .micronutrientSachets
                return try await NutritionClient(wrapping: client).submitSupportApplication(request).applicationID
            }
            try county.clock.set(today: "2026-01-25")
            try await county.approve(applicationID)

            let report = try await county.indicators(from: "2026-01", through: "2026-01")
            #expect(report.value("nutrition.children-measured") == 3)
            #expect(report.value("nutrition.children-sam") == 1)
            #expect(report.value("nutrition.children-sam-referred") == 1)
            #expect(report.value("nutrition.children-mam") == 1)
            #expect(report.value("nutrition.children-mam", area: TestCounty.townshipB) == 1)
            #expect(report.value("nutrition.children-supported", group: "micronutrient-sachets") == 1)
            #expect(report.value("core.supported-children-without-family-care") == 1)
            #expect(report.value("core.supported-children-without-family-care", group: "nutrition") == 1)
            #expect(report.value("core.applications.nutrition.micronutrient-sachets", group: "approved") == 1)
            #expect(report.value("core.decision-days") == 5)
            #expect(report.value("core.decision-days", group: "nutrition.micronutrient-sachets") == 5)
            let december = try await county.indicators(from: "2025-12", through: "2025-12")
            #expect(december.value("nutrition.children-measured") == 0)
            #expect(december.value("core.supported-children-without-family-care") == 0)
        }
    }
}
