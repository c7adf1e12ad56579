/// What a measurement shows, by WHO's cut-offs (WHO 2006; WHO/UNICEF 2009 for severe acute
/// malnutrition). Moderate and severe are exclusive.
enum Classification: String, Sendable, Hashable, CaseIterable, Comparable {
    case stuntingModerate = "stunting-moderate"
    case stuntingSevere = "stunting-severe"
    case wastingModerate = "wasting-moderate"
    case wastingSevere = "wasting-severe"
    case underweightModerate = "underweight-moderate"
    case underweightSevere = "underweight-severe"
    case overweightModerate = "overweight-moderate"
    case overweightSevere = "overweight-severe"
    case severeAcuteMalnutrition = "severe-acute-malnutrition"

    /// MUAC below this many millimetres from 6 to 59 months is severe acute malnutrition.
    static let severeMUACmm = 115

    /// The indicator a child must have a plausible z-score for to be assessed for the
    /// classification; nil for severe acute malnutrition, which every measured child is assessed for.
    var indicator: Indicator? {
        switch self {
        case .stuntingModerate, .stuntingSevere: .lengthHeightForAge
        case .wastingModerate, .wastingSevere, .overweightModerate, .overweightSevere: .weightForLengthHeight
        case .underweightModerate, .underweightSevere: .weightForAge
        case .severeAcuteMalnutrition: nil
        }
    }

    /// The classifications of a measurement from its plausible z-scores (rounded, as reported),
    /// its MUAC, oedema and age in months.
    ///
    /// With bilateral oedema the weight-based z-scores are not computed (the fluid adds weight);
    /// WHO counts such a child as severely wasted, and as severe acute malnutrition.
    static func classify(scores: [Indicator: Double], muacMM: Int?, oedema: Bool, ageMonths: Int) -> [Classification] {
        var result: [Classification] = []
        if let haz = scores[.lengthHeightForAge] {
            if haz < -3 { result.append(.stuntingSevere) } else if haz < -2 { result.append(.stuntingModerate) }
        }
        let whz = scores[.weightForLengthHeight]
        if oedema {
            result.append(.wastingSevere)
        } else if let whz {
            if whz < -3 { result.append(.wastingSevere) } else if whz < -2 { result.append(.wastingModerate) }
            if whz > 3 { result.append(.overweightSevere) } else if whz > 2 { result.append(.overweightModerate) }
        }
        if let waz = scores[.weightForAge] {
            if waz < -3 { result.append(.underweightSevere) } else if waz < -2 { result.append(.underweightModerate) }
        }
        let lowMUAC = muacMM.map { $0 < severeMUACmm && (6..<60).contains(ageMonths) } ?? false
        if oedema || lowMUAC || (whz.map { $0 < -3 } ?? false) {
            result.append(.severeAcuteMalnutrition)
        }
        return result.sorted()
    }

    static func < (lhs: Classification, rhs: Classification) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
