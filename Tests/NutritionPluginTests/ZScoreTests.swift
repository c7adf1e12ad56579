import KioskDomain
@testable import NutritionPlugin
import Testing

/// z-scores against values computed independently from WHO's published method (a separate Python
/// implementation of the igrowup/anthro formulas over the same LMS tables), to 2 decimals.
@Suite("WHO 2006 z-scores")
struct ZScoreTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var sex: Sex
        var ageDays: Int
        var weightKg: Double
        var lengthCm: Double
        var position: MeasurementPosition
        var muacMM: Int?
        /// Expected rounded z-scores: weight-for-age, length/height-for-age, weight-for-length/height,
        /// BMI-for-age, MUAC-for-age; nil where the indicator cannot be computed.
        var expected: [Indicator: Double]
        var adjustedLengthCm: Double

        var testDescription: String { "\(sex) \(ageDays) d, \(weightKg) kg, \(lengthCm) cm \(position.rawValue)" }
    }

    static let cases: [Case] = [
        // Infant, lying as the standard expects.
        Case(sex: .male, ageDays: 45, weightKg: 4.2, lengthCm: 55.3, position: .lying, muacMM: nil,
             expected: [.weightForAge: -1.39, .lengthHeightForAge: -0.66, .weightForLengthHeight: -1.16, .bmiForAge: -1.53],
             adjustedLengthCm: 55.3),
        // Under 2 measured standing: +0.7 cm.
        Case(sex: .female, ageDays: 200, weightKg: 6.1, lengthCm: 64.0, position: .standing, muacMM: 128,
             expected: [.weightForAge: -1.71, .lengthHeightForAge: -0.84, .weightForLengthHeight: -1.57, .bmiForAge: -1.68, .muacForAge: -0.95],
             adjustedLengthCm: 64.7),
        // Over 2 measured lying: −0.7 cm, then weight-for-height interpolated between 79.5 and 79.6 cm.
        Case(sex: .male, ageDays: 800, weightKg: 9.0, lengthCm: 80.25, position: .lying, muacMM: 118,
             expected: [.weightForAge: -2.92, .lengthHeightForAge: -2.97, .weightForLengthHeight: -1.9, .bmiForAge: -1.5, .muacForAge: -3.35],
             adjustedLengthCm: 79.55),
        // Beyond +3 SD, restricted, still plausible.
        Case(sex: .female, ageDays: 1500, weightKg: 22.0, lengthCm: 100.0, position: .standing, muacMM: nil,
             expected: [.weightForAge: 2.04, .lengthHeightForAge: -0.8, .weightForLengthHeight: 3.88, .bmiForAge: 3.66],
             adjustedLengthCm: 100.0),
        // Beyond +5 SD: implausible weight-for-height and BMI.
        Case(sex: .female, ageDays: 1500, weightKg: 25.0, lengthCm: 100.0, position: .standing, muacMM: nil,
             expected: [.weightForAge: 2.85, .lengthHeightForAge: -0.8, .weightForLengthHeight: 5.44, .bmiForAge: 5.1],
             adjustedLengthCm: 100.0),
        // Far below −3 SD, restricted.
        Case(sex: .male, ageDays: 400, weightKg: 6.0, lengthCm: 76.0, position: .lying, muacMM: 105,
             expected: [.weightForAge: -4.33, .lengthHeightForAge: -0.44, .weightForLengthHeight: -5.67, .bmiForAge: -5.85, .muacForAge: -4.18],
             adjustedLengthCm: 76.0),
        Case(sex: .female, ageDays: 1000, weightKg: 10.0, lengthCm: 82.0, position: .standing, muacMM: 140,
             expected: [.weightForAge: -2.32, .lengthHeightForAge: -2.95, .weightForLengthHeight: -0.74, .bmiForAge: -0.46, .muacForAge: -1.22],
             adjustedLengthCm: 82.0),
        // The last day of the standards.
        Case(sex: .male, ageDays: 1826, weightKg: 14.0, lengthCm: 103.4, position: .standing, muacMM: 150,
             expected: [.weightForAge: -2.04, .lengthHeightForAge: -1.42, .weightForLengthHeight: -1.9, .bmiForAge: -1.8, .muacForAge: -1.14],
             adjustedLengthCm: 103.4),
        // Newborn below the weight-for-length table (45 cm): no weight-for-length z-score.
        Case(sex: .female, ageDays: 0, weightKg: 2.2, lengthCm: 44.0, position: .lying, muacMM: nil,
             expected: [.weightForAge: -2.53, .lengthHeightForAge: -2.76, .bmiForAge: -1.74],
             adjustedLengthCm: 44.0),
        Case(sex: .male, ageDays: 600, weightKg: 15.5, lengthCm: 79.0, position: .lying, muacMM: 190,
             expected: [.weightForAge: 2.84, .lengthHeightForAge: -1.76, .weightForLengthHeight: 4.9, .bmiForAge: 5.43, .muacForAge: 3.13],
             adjustedLengthCm: 79.0),
        Case(sex: .male, ageDays: 900, weightKg: 8.3, lengthCm: 84.0, position: .standing, muacMM: 112,
             expected: [.weightForAge: -3.89, .lengthHeightForAge: -2.25, .weightForLengthHeight: -4.02, .bmiForAge: -3.93, .muacForAge: -4.1],
             adjustedLengthCm: 84.0),
        // Weight-for-length interpolated between 70.0 and 70.1 cm.
        Case(sex: .female, ageDays: 300, weightKg: 9.9, lengthCm: 70.05, position: .lying, muacMM: 170,
             expected: [.weightForAge: 1.28, .lengthHeightForAge: -0.51, .weightForLengthHeight: 2.04, .bmiForAge: 2.11, .muacForAge: 2.2],
             adjustedLengthCm: 70.05),
    ]

    let standards: GrowthStandards

    init() throws {
        self.standards = try GrowthStandards.bundled()
    }

    @Test("z-scores match the independent computation", arguments: cases)
    func matches(_ example: Case) throws {
        let birth = try CalendarDate(iso: "2020-01-01")
        let measurement = GrowthMeasurement(
            measuredOn: birth.adding(days: example.ageDays), weightKg: example.weightKg, lengthCm: example.lengthCm,
            position: example.position, muacMM: example.muacMM, oedema: false
        )
        let assessment = try #require(self.standards.assess(measurement, sex: example.sex, birthDate: birth))
        #expect(assessment.ageDays == example.ageDays)
        #expect(assessment.scores == example.expected)
        #expect(abs((assessment.adjustedLengthCm ?? 0) - example.adjustedLengthCm) < 0.001)
    }

    @Test("a weight at the median is z 0; the restricted tail is linear beyond ±3 SD")
    func restrictedTail() throws {
        let row = try #require(self.standards.weightForAge.row(sex: .male, ageDays: 0))
        #expect(abs(row.z(of: row.m)) < 1e-12)
        let sd3 = row.value(atZ: 3), sd2 = row.value(atZ: 2)
        #expect(abs(row.restrictedZ(of: sd3 + (sd3 - sd2)) - 4) < 1e-9)
        let low3 = row.value(atZ: -3), low2 = row.value(atZ: -2)
        #expect(abs(row.restrictedZ(of: low3 - (low2 - low3)) - -4) < 1e-9)
        // Inside ±3 SD the plain LMS z-score.
        #expect(abs(row.restrictedZ(of: sd2) - 2) < 1e-9)
    }

    @Test("implausible z-scores are flagged the way WHO flags them")
    func implausible() throws {
        let birth = try CalendarDate(iso: "2020-01-01")
        let measurement = GrowthMeasurement(
            measuredOn: birth.adding(days: 1500), weightKg: 25, lengthCm: 100, position: .standing, muacMM: nil, oedema: false
        )
        let assessment = try #require(self.standards.assess(measurement, sex: .female, birthDate: birth))
        #expect(assessment.implausible == [.weightForLengthHeight, .bmiForAge])
        // Flagged scores do not classify: no overweight from the implausible weight-for-height.
        #expect(!assessment.classifications.contains(.overweightSevere))
    }

    @Test("with bilateral oedema the weight-based z-scores are not computed and the child has SAM")
    func oedema() throws {
        let birth = try CalendarDate(iso: "2020-01-01")
        let measurement = GrowthMeasurement(
            measuredOn: birth.adding(days: 400), weightKg: 9, lengthCm: 76, position: .lying, muacMM: 130, oedema: true
        )
        let assessment = try #require(self.standards.assess(measurement, sex: .male, birthDate: birth))
        #expect(Set(assessment.scores.keys) == [.lengthHeightForAge, .muacForAge])
        #expect(assessment.classifications == [.wastingSevere, .severeAcuteMalnutrition])
    }

    @Test("MUAC-for-age starts at 91 days; nothing beyond 1826 days")
    func ranges() throws {
        let birth = try CalendarDate(iso: "2020-01-01")
        let young = GrowthMeasurement(measuredOn: birth.adding(days: 90), weightKg: nil, lengthCm: nil, position: nil, muacMM: 110, oedema: false)
        #expect(try #require(self.standards.assess(young, sex: .male, birthDate: birth)).scores.isEmpty)
        let old = GrowthMeasurement(measuredOn: birth.adding(days: 1827), weightKg: 15, lengthCm: nil, position: nil, muacMM: nil, oedema: false)
        #expect(self.standards.assess(old, sex: .male, birthDate: birth) == nil)
    }
}
