import GRPCCore
import KioskDomain
import KioskProtos
import KioskTesting
import KioskTransport
import NutritionPlugin

typealias NutritionClient = Kiosk_Plugins_Nutrition_V1_Nutrition.Client<KioskClientTransport>

func measurementRequest(
    _ childID: String, on date: String, weight: Double = 0, length: Double = 0,
    position: Kiosk_Plugins_Nutrition_V1_MeasurementPosition = .unspecified, muac: UInt32 = 0, oedema: Bool = false
) -> Kiosk_Plugins_Nutrition_V1_RecordMeasurementRequest {
    var request = Kiosk_Plugins_Nutrition_V1_RecordMeasurementRequest()
    request.childID = childID
    request.measuredOn = date
    request.weightKg = weight
    request.lengthCm = length
    request.position = position
    request.muacMm = muac
    request.oedema = oedema
    return request
}

extension TestCounty {
    /// Registers a child of village A1 whose mother has consented to the referral to nutrition
    /// support (the plugin's kinds need it); returns its id.
    func consentingChild(_ name: String, born: String) async throws -> String {
        let child = try await self.registerChild(name, born: born)
        _ = try await self.recordConsent(NutritionPlugin.consent, for: child)
        return child.childID
    }
}

extension Kiosk_Plugins_Nutrition_V1_Measurement {
    /// The z-score of `indicator`, if computed.
    func z(_ indicator: Kiosk_Plugins_Nutrition_V1_Indicator) -> Double? {
        self.zScores.first { $0.indicator == indicator }?.z
    }
}
