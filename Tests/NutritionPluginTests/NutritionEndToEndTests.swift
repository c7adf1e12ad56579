import GRPCCore
import KioskDomain
import KioskPluginKit
import KioskProtos
import KioskTesting
import NutritionPlugin
import SwiftProtobuf
import Testing

/// The plugin over the wire: a live host on a loopback port, workers signed in at a kiosk.
@Suite("Nutrition over the wire")
struct NutritionEndToEndTests {
    @Test("a measurement gets WHO z-scores; severe acute malnutrition raises an urgent referral for the township")
    func recordAndRefer() async throws {
        try await TestCounty.with(plugins: [NutritionPlugin.self]) { county in
            let (childID, measurementID) = try await county.as(.directorA1) { client in
                let nutrition = NutritionClient(wrapping: client)
                // Born 2025-10-19: 400 days old on 2026-11-23.
                let childID = try await county.registerChild("王小莲", born: "2025-10-19", sex: .male).childID
                let normal = try await nutrition.recordMeasurement(
                    measurementRequest(childID, on: "2026-08-15", weight: 9.2, length: 74.0, position: .lying, muac: 145)
                ).measurement
                #expect(normal.classifications.isEmpty)
                #expect(normal.referralItemID.isEmpty)
                // The reference case: male, 400 days, 6.0 kg, 76.0 cm lying, MUAC 105 mm (confirmed: WHZ is implausible).
                var request = measurementRequest(childID, on: "2026-11-23", weight: 6.0, length: 76.0, position: .lying, muac: 105)
                request.confirmImplausible = true
                let sam = try await nutrition.recordMeasurement(request).measurement
                #expect(sam.ageDays == 400)
                #expect(sam.z(.weightForAge) == -4.33)
                #expect(sam.z(.lengthHeightForAge) == -0.44)
                #expect(sam.z(.muacForAge) == -4.18)
                #expect(sam.zScores.first { $0.indicator == .weightForLengthHeight }?.implausible == true)
                #expect(sam.classifications == [.underweightSevere, .severeAcuteMalnutrition])
                #expect(!sam.referralItemID.isEmpty)

                let history = try await nutrition.getGrowthHistory(.with { $0.childID = childID }).measurements
                #expect(history.map(\.measuredOn) == ["2026-08-15", "2026-11-23"])
                #expect(history.last == sam)
                return (childID, sam.referralItemID)
            }
            try await county.as(.supervisorA) { client in
                let items = try await Kiosk_Core_V1_WorkList.Client(wrapping: client).listWorkItems(.with { $0.pageSize = 50 }).items
                let item = try #require(items.first { $0.itemID == measurementID })
                #expect(item.childID == childID)
                #expect(item.kind == "nutrition.severe-acute-malnutrition")
                #expect(item.urgency == .urgent)
                #expect(item.summary == "Severe acute malnutrition on 2026-11-23 (MUAC 105 mm): refer for treatment")
            }
        }
    }

    @Test("bad input, implausible values, other jurisdictions and ages beyond 5 years are refused with precise codes")
    func refusals() async throws {
        try await TestCounty.with(plugins: [NutritionPlugin.self]) { county in
            let childID = try await county.as(.directorA1) { client in
                let nutrition = NutritionClient(wrapping: client)
                let childID = try await county.registerChild("王小莲", born: "2025-06-01").childID
                let negative = await rpcError {
                    _ = try await nutrition.recordMeasurement(measurementRequest(childID, on: "2026-11-01", weight: -2))
                }
                #expect(negative?.code == .invalidArgument)
                #expect(negative?.message == "weight_kg: -2 is negative")
                let future = await rpcError {
                    _ = try await nutrition.recordMeasurement(measurementRequest(childID, on: "2026-11-24", weight: 8))
                }
                #expect(future?.message == "measured_on: 2026-11-24 is in the future (today is 2026-11-23)")
                let beforeBirth = await rpcError {
                    _ = try await nutrition.recordMeasurement(measurementRequest(childID, on: "2025-05-31", weight: 3))
                }
                #expect(beforeBirth?.message == "measured_on: 2025-05-31 is before the child's birth on 2025-06-01")
                let tall = await rpcError {
                    _ = try await nutrition.recordMeasurement(measurementRequest(childID, on: "2026-11-01", length: 300, position: .lying))
                }
                #expect(tall?.code == .invalidArgument)
                #expect(tall?.message.hasPrefix("length_cm: 300 cm is impossible") == true)
                // 17 months, 25 kg at 75 cm: weight-for-age beyond +5 and weight-for-length beyond +5.
                let implausible = await rpcError {
                    _ = try await nutrition.recordMeasurement(measurementRequest(childID, on: "2026-11-01", weight: 25, length: 75, position: .lying))
                }
                #expect(implausible?.code == .failedPrecondition)
                #expect(implausible?.message.contains("weight-for-age z-score") == true)
                #expect(implausible?.message.contains("confirm_implausible") == true)
                let history = try await nutrition.getGrowthHistory(.with { $0.childID = childID })
                #expect(history.measurements.isEmpty)

                let older = try await county.registerChild("李明", born: "2020-06-01").childID
                let tooOld = await rpcError {
                    _ = try await nutrition.recordMeasurement(measurementRequest(older, on: "2026-11-01", weight: 20))
                }
                #expect(tooOld?.code == .failedPrecondition)
                #expect(tooOld?.message.contains("cover 0 to 1826 days") == true)
                let missing = await rpcError { _ = try await nutrition.recordMeasurement(measurementRequest("", on: "2026-11-01", weight: 8)) }
                #expect(missing?.code == .invalidArgument)
                return childID
            }
            try await county.as(.directorA2) { client in
                let nutrition = NutritionClient(wrapping: client)
                let record = await rpcError { _ = try await nutrition.recordMeasurement(measurementRequest(childID, on: "2026-11-01", weight: 8)) }
                #expect(record?.code == .notFound)
                let history = await rpcError { _ = try await nutrition.getGrowthHistory(.with { $0.childID = childID }) }
                #expect(history?.code == .notFound)
            }
        }
    }

    @Test("the summary counts children measured in the period and each classification, inside the jurisdiction")
    func summary() async throws {
        try await TestCounty.with(plugins: [NutritionPlugin.self]) { county in
            try await county.as(.directorA1) { client in
                let nutrition = NutritionClient(wrapping: client)
                let a = try await county.registerChild("王一", born: "2025-06-01").childID
                let b = try await county.registerChild("王二", born: "2024-06-01").childID
                _ = try await nutrition.recordMeasurement(measurementRequest(a, on: "2026-10-01", weight: 9, length: 76, position: .lying))
                // Moderate stunting: female, 2 years 4 months, 80 cm.
                _ = try await nutrition.recordMeasurement(measurementRequest(b, on: "2026-10-02", weight: 9.5, length: 80, position: .standing))
                // Outside the period.
                _ = try await nutrition.recordMeasurement(measurementRequest(a, on: "2026-06-01", weight: 8, length: 70, position: .lying))
            }
            try await county.as(.directorA2) { client in
                let c = try await county.registerChild("张三", born: "2025-01-01", village: TestCounty.villageA2).childID
                _ = try await NutritionClient(wrapping: client).recordMeasurement(
                    measurementRequest(c, on: "2026-10-03", oedema: true)
                )
            }
            let request = Kiosk_Plugins_Nutrition_V1_GetNutritionSummaryRequest.with {
                $0.from = "2026-09-01"
                $0.to = "2026-10-31"
            }
            try await county.as(.supervisorA) { client in
                let summary = try await NutritionClient(wrapping: client).getNutritionSummary(request)
                #expect(summary.childrenMeasured == 3)
                let sam = try #require(summary.prevalence.first { $0.classification == .severeAcuteMalnutrition })
                #expect(sam.children == 1 && sam.assessed == 3)
                #expect(sam.percent == 33.3)
                let stunting = try #require(summary.prevalence.first { $0.classification == .stuntingModerate })
                #expect(stunting.children == 1 && stunting.assessed == 2)
                var village = request
                village.division = "530102001001"
                let narrowed = try await NutritionClient(wrapping: client).getNutritionSummary(village)
                #expect(narrowed.childrenMeasured == 2)
            }
            try await county.as(.directorA1) { client in
                let nutrition = NutritionClient(wrapping: client)
                let own = try await nutrition.getNutritionSummary(request)
                #expect(own.childrenMeasured == 2)
                var outside = request
                outside.division = "530102001002"
                let refusal1 = await rpcError { _ = try await nutrition.getNutritionSummary(outside) }
                #expect(refusal1?.code == .permissionDenied)
                var badDate = request
                badDate.to = "2026-02-30"
                let error = await rpcError { _ = try await nutrition.getNutritionSummary(badDate) }
                #expect(error?.code == .invalidArgument)
                #expect(error?.message == "to: '2026-02-30' is not a date written YYYY-MM-DD")
            }
        }
    }

    @Test("support applications go through the workflow when eligible; refusals list the failed rules")
    func supportApplications() async throws {
        try await TestCounty.with(plugins: [NutritionPlugin.self]) { county in
            let childID = try await county.as(.directorA1) { client in
                let nutrition = NutritionClient(wrapping: client)
                let infant = try await county.consentingChild("王小莲", born: "2025-11-01")
                var request = Kiosk_Plugins_Nutrition_V1_SubmitSupportApplicationRequest()
                request.childID = infant
                request.kind = .micronutrientSachets
                let unmeasured = await rpcError { _ = try await nutrition.submitSupportApplication(request) }
                #expect(unmeasured?.code == .failedPrecondition)
                #expect(unmeasured?.message.contains("recent-measurement") == true)

                _ = try await nutrition.recordMeasurement(measurementRequest(infant, on: "2026-11-20", weight: 9.5, length: 76, position: .lying))
                let response = try await nutrition.submitSupportApplication(request)
                #expect(!response.applicationID.isEmpty)
                #expect(response.checks.filter { !$0.passed }.isEmpty)
                #expect(response.checks.map(\.rule) == ["age-6-to-23-months", "recent-measurement", "not-severe-acute-malnutrition"])
                let application = try await Kiosk_Core_V1_Applications.Client(wrapping: client)
                    .getApplication(.with { $0.applicationID = response.applicationID }).application
                #expect(application.kind == "nutrition.micronutrient-sachets")

                var food = request
                food.kind = .supplementaryFood
                let notWasted = await rpcError { _ = try await nutrition.submitSupportApplication(food) }
                #expect(notWasted?.code == .failedPrecondition)
                #expect(notWasted?.message.contains("moderate-wasting-or-underweight") == true)

                var unspecified = request
                unspecified.kind = .unspecified
                let refusal2 = await rpcError { _ = try await nutrition.submitSupportApplication(unspecified) }
                #expect(refusal2?.code == .invalidArgument)
                return infant
            }
            try await county.as(.officer) { client in
                // Any worker who can see the child records measurements, county officers too (nutrition.proto).
                let measured = try await NutritionClient(wrapping: client)
                    .recordMeasurement(measurementRequest(childID, on: "2026-11-21", weight: 9.6, length: 76, position: .lying))
                #expect(!measured.measurement.measurementID.isEmpty)
                var request = Kiosk_Plugins_Nutrition_V1_SubmitSupportApplicationRequest()
                request.childID = childID
                request.kind = .micronutrientSachets
                let error = await rpcError { _ = try await NutritionClient(wrapping: client).submitSupportApplication(request) }
                #expect(error?.code == .permissionDenied)
            }
        }
    }
}
