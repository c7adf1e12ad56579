import GRPCCore
import KioskDomain
public import KioskPluginKit

extension MeasurementPosition {
    /// The position from the wire; nil when not given. INVALID_ARGUMENT for unknown values.
    init?(wire: Kiosk_Plugins_Nutrition_V1_MeasurementPosition) throws {
        switch wire {
        case .lying: self = .lying
        case .standing: self = .standing
        case .unspecified: return nil
        case .UNRECOGNIZED(let value): throw RPCError.invalidArgument("position: \(value) is not lying or standing")
        }
    }

    var wire: Kiosk_Plugins_Nutrition_V1_MeasurementPosition {
        switch self {
        case .lying: .lying
        case .standing: .standing
        }
    }
}

extension SupportKind {
    init(wire: Kiosk_Plugins_Nutrition_V1_SupportKind) throws {
        switch wire {
        case .micronutrientSachets: self = .micronutrientSachets
        case .supplementaryFood: self = .supplementaryFood
        case .unspecified, .UNRECOGNIZED: throw RPCError.invalidArgument("kind: is required (micronutrient sachets or supplementary food)")
        }
    }
}

extension Indicator {
    var wire: Kiosk_Plugins_Nutrition_V1_Indicator {
        switch self {
        case .weightForAge: .weightForAge
        case .lengthHeightForAge: .lengthHeightForAge
        case .weightForLengthHeight: .weightForLengthHeight
        case .bmiForAge: .bmiForAge
        case .muacForAge: .muacForAge
        }
    }
}

extension Classification {
    var wire: Kiosk_Plugins_Nutrition_V1_Classification {
        switch self {
        case .stuntingModerate: .stuntingModerate
        case .stuntingSevere: .stuntingSevere
        case .wastingModerate: .wastingModerate
        case .wastingSevere: .wastingSevere
        case .underweightModerate: .underweightModerate
        case .underweightSevere: .underweightSevere
        case .overweightModerate: .overweightModerate
        case .overweightSevere: .overweightSevere
        case .severeAcuteMalnutrition: .severeAcuteMalnutrition
        }
    }
}

extension Kiosk_Plugins_Nutrition_V1_Measurement {
    init(_ stored: StoredMeasurement) {
        self.init()
        self.measurementID = stored.measurementID
        self.childID = stored.childID
        self.measuredOn = stored.measurement.measuredOn.isoString
        self.ageDays = UInt32(stored.assessment.ageDays)
        self.weightKg = stored.measurement.weightKg ?? 0
        self.lengthCm = stored.measurement.lengthCm ?? 0
        self.position = stored.measurement.position?.wire ?? .unspecified
        self.muacMm = UInt32(stored.measurement.muacMM ?? 0)
        self.oedema = stored.measurement.oedema
        self.zScores = stored.assessment.scores.keys.sorted().map { indicator in
            var score = Kiosk_Plugins_Nutrition_V1_ZScore()
            score.indicator = indicator.wire
            score.z = stored.assessment.scores[indicator] ?? 0
            score.implausible = stored.assessment.implausible.contains(indicator)
            return score
        }
        self.classifications = stored.assessment.classifications.map(\.wire)
        self.referralItemID = stored.referralItemID ?? ""
        self.recordedBy = stored.recordedBy
    }
}

extension Kiosk_Plugins_Nutrition_V1_EligibilityCheck: CheckResultMessage {}

extension Kiosk_Plugins_Nutrition_V1_GetNutritionSummaryResponse {
    init(_ summary: NutritionSummary) {
        self.init()
        self.childrenMeasured = UInt32(summary.childrenMeasured)
        self.prevalence = summary.prevalence.map { entry in
            var wire = Kiosk_Plugins_Nutrition_V1_Prevalence()
            wire.classification = entry.classification.wire
            wire.children = UInt32(entry.children)
            wire.assessed = UInt32(entry.assessed)
            wire.percent = entry.percent
            return wire
        }
    }
}
