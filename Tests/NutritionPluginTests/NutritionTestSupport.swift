import GRPCCore
import KioskDomain
import KioskProtos
import KioskTesting
import KioskTransport
import NutritionPlugin

typealias NutritionClient = Kiosk_Plugins_Nutrition_V1_Nutrition.Client<KioskClientTransport>

/// Registers a child in the default village through the core Children service; returns its id.
func registerChild(
    _ client: GRPCClient<KioskClientTransport>,
    name: String = "王小莲",
    sex: Kiosk_Core_V1_Sex = .female,
    born: String,
    village: String = "530102001001"
) async throws -> String {
    var request = Kiosk_Core_V1_RegisterChildRequest()
    request.details.name = name
    request.details.sex = sex
    request.details.birthDate = born
    request.details.village = village
    request.details.hukouStatus = .registeredLocal
    request.confirmedNotDuplicate = true
    return try await Kiosk_Core_V1_Children.Client(wrapping: client).registerChild(request).child.childID
}

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


extension Kiosk_Plugins_Nutrition_V1_Measurement {
    /// The z-score of `indicator`, if computed.
    func z(_ indicator: Kiosk_Plugins_Nutrition_V1_Indicator) -> Double? {
        self.zScores.first { $0.indicator == indicator }?.z
    }
}
