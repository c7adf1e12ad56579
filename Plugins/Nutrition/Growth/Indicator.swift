/// A growth indicator of the WHO standards, with the range of z-scores WHO treats as plausible.
enum Indicator: String, Sendable, Hashable, CaseIterable, Comparable {
    case weightForAge = "weight-for-age"
    case lengthHeightForAge = "length-height-for-age"
    case weightForLengthHeight = "weight-for-length-height"
    case bmiForAge = "bmi-for-age"
    case muacForAge = "muac-for-age"

    /// z-scores outside this range are flagged as implausible, as WHO's anthro software and
    /// igrowup macros flag them (WAZ < −6 or > 5; HAZ < −6 or > 6; WHZ, BAZ, MUAC-for-age < −5 or > 5).
    var plausibleRange: ClosedRange<Double> {
        switch self {
        case .weightForAge: -6...5
        case .lengthHeightForAge: -6...6
        case .weightForLengthHeight, .bmiForAge, .muacForAge: -5...5
        }
    }

    /// Whether the indicator is derived from weight (not computed when the child has oedema).
    var usesWeight: Bool {
        [.weightForAge, .weightForLengthHeight, .bmiForAge].contains(self)
    }

    /// A short name for messages, e.g. "weight-for-age z-score".
    var label: String { "\(self.rawValue) z-score" }

    static func < (lhs: Indicator, rhs: Indicator) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
