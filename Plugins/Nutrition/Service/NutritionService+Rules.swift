import GRPCCore
import KioskDomain
import KioskPluginKit

extension NutritionService {
    /// Why a measurement was held back: each implausible z-score with WHO's plausible range.
    static func implausibleMessage(_ assessment: GrowthAssessment) -> String {
        let parts = assessment.implausible.sorted().map { indicator in
            let range = indicator.plausibleRange
            return "\(indicator.label) \(assessment.scores[indicator] ?? 0) is outside WHO's plausible range "
                + "\(format(range.lowerBound)) to \(format(range.upperBound))"
        }
        return "implausible measurement: " + parts.joined(separator: "; ")
            + "; check the measurement, or resend with confirm_implausible to store it flagged"
    }

    /// The referral's line on the township's work list (no names: the item links the child by id).
    static func referralSummary(_ measurement: GrowthMeasurement, _ assessment: GrowthAssessment) -> String {
        var signs: [String] = []
        if let whz = assessment.scores[.weightForLengthHeight], whz < -3, !assessment.implausible.contains(.weightForLengthHeight) {
            signs.append("weight-for-length/height z \(whz)")
        }
        if let muac = measurement.muacMM, muac < Classification.severeMUACmm { signs.append("MUAC \(muac) mm") }
        if measurement.oedema { signs.append("bilateral oedema") }
        return "Severe acute malnutrition on \(measurement.measuredOn) (\(signs.joined(separator: ", "))): refer for treatment"
    }

    /// The 12-digit village range of the worker's jurisdiction, narrowed to `division` when given.
    static func villageRange(actor: CoreActor, division text: String) throws -> VillageRange {
        guard case .worker = actor else {
            throw RPCError(code: .permissionDenied, message: "nutrition summaries are for village, township and county workers")
        }
        return try actor.villageRange(RequestField.division(text))
    }
}
