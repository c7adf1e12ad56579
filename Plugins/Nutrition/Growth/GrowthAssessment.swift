import Foundation
import KioskDomain

/// What the WHO standards say about one measurement of a child.
struct GrowthAssessment: Sendable, Hashable {
    /// Age in completed days on the day of measurement.
    var ageDays: Int
    /// The length or height looked up, after the 0.7 cm correction for the position.
    var adjustedLengthCm: Double?
    /// The z-scores that could be computed, rounded to 2 decimals (WHO's reporting precision).
    var scores: [Indicator: Double]
    /// The indicators whose z-score lies outside WHO's plausible range.
    var implausible: Set<Indicator>
    /// What the plausible z-scores, MUAC and oedema show.
    var classifications: [Classification]

    /// Age in months as WHO computes it: days / 30.4375, truncated.
    var ageMonths: Int { Self.months(ageDays: self.ageDays) }

    static func months(ageDays: Int) -> Int { Int(Double(ageDays) / 30.4375) }

    /// Whether the measurement shows severe acute malnutrition.
    var isSevereAcuteMalnutrition: Bool { self.classifications.contains(.severeAcuteMalnutrition) }
}

extension GrowthStandards {
    /// The age from which length is measured standing (731 days, 24 months).
    static let standingFromDays = 731
    /// WHO's correction between recumbent length and standing height.
    static let positionCorrectionCm = 0.7

    /// Assesses `measurement` of a child of `sex` born on `birthDate`; nil when the child is older
    /// than the standards cover.
    func assess(_ measurement: GrowthMeasurement, sex: Sex, birthDate: CalendarDate) -> GrowthAssessment? {
        let ageDays = birthDate.days(to: measurement.measuredOn)
        guard (0...Self.maximumAgeDays).contains(ageDays) else { return nil }
        let lying = ageDays < Self.standingFromDays
        let length = measurement.lengthCm.map { value -> Double in
            switch (measurement.position, lying) {
            case (.standing, true): value + Self.positionCorrectionCm
            case (.lying, false): value - Self.positionCorrectionCm
            default: value
            }
        }
        let weight = measurement.oedema ? nil : measurement.weightKg
        var raw: [Indicator: Double] = [:]
        if let weight {
            raw[.weightForAge] = self.weightForAge.row(sex: sex, ageDays: ageDays)?.restrictedZ(of: weight)
        }
        if let length {
            raw[.lengthHeightForAge] = self.lengthHeightForAge.row(sex: sex, ageDays: ageDays)?.z(of: length)
        }
        if let weight, let length {
            let table = lying ? self.weightForLength : self.weightForHeight
            raw[.weightForLengthHeight] = table.row(sex: sex, centimetres: length)?.restrictedZ(of: weight)
            let bmi = weight / ((length / 100) * (length / 100))
            raw[.bmiForAge] = self.bmiForAge.row(sex: sex, ageDays: ageDays)?.restrictedZ(of: bmi)
        }
        if let muac = measurement.muacMM {
            raw[.muacForAge] = self.muacForAge.row(sex: sex, ageDays: ageDays)?.restrictedZ(of: Double(muac) / 10)
        }
        let scores = raw.mapValues { ($0 * 100).rounded() / 100 }
        let implausible = Set(scores.filter { !$0.key.plausibleRange.contains($0.value) }.keys)
        let plausible = scores.filter { !implausible.contains($0.key) }
        return GrowthAssessment(
            ageDays: ageDays,
            adjustedLengthCm: length.map { ($0 * 100).rounded() / 100 },
            scores: scores,
            implausible: implausible,
            classifications: Classification.classify(
                scores: plausible, muacMM: measurement.muacMM, oedema: measurement.oedema,
                ageMonths: GrowthAssessment.months(ageDays: ageDays)
            )
        )
    }
}
