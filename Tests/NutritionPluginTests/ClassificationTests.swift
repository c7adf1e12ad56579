@testable import NutritionPlugin
import Testing

@Suite("Classifications by WHO cut-offs")
struct ClassificationTests {
    @Test(
        "cut-offs for stunting, wasting, underweight and overweight",
        arguments: [
            ([Indicator.lengthHeightForAge: -2.0], [Classification]()),
            ([.lengthHeightForAge: -2.01], [.stuntingModerate]),
            ([.lengthHeightForAge: -3.0], [.stuntingModerate]),
            ([.lengthHeightForAge: -3.01], [.stuntingSevere]),
            ([.weightForLengthHeight: -2.5], [.wastingModerate]),
            ([.weightForLengthHeight: -3.2], [.wastingSevere, .severeAcuteMalnutrition]),
            ([.weightForAge: -2.5], [.underweightModerate]),
            ([.weightForAge: -3.5], [.underweightSevere]),
            ([.weightForLengthHeight: 2.0], []),
            ([.weightForLengthHeight: 2.01], [.overweightModerate]),
            ([.weightForLengthHeight: 3.01], [.overweightSevere]),
        ] as [([Indicator: Double], [Classification])]
    )
    func cutOffs(_ scores: [Indicator: Double], _ expected: [Classification]) {
        #expect(Classification.classify(scores: scores, muacMM: nil, oedema: false, ageMonths: 12) == expected)
    }

    @Test("MUAC below 115 mm is severe acute malnutrition only from 6 to 59 months")
    func muac() {
        #expect(Classification.classify(scores: [:], muacMM: 114, oedema: false, ageMonths: 6) == [.severeAcuteMalnutrition])
        #expect(Classification.classify(scores: [:], muacMM: 114, oedema: false, ageMonths: 59) == [.severeAcuteMalnutrition])
        #expect(Classification.classify(scores: [:], muacMM: 115, oedema: false, ageMonths: 12).isEmpty)
        #expect(Classification.classify(scores: [:], muacMM: 100, oedema: false, ageMonths: 5).isEmpty)
        #expect(Classification.classify(scores: [:], muacMM: 100, oedema: false, ageMonths: 60).isEmpty)
    }

    @Test("bilateral oedema is severe acute malnutrition at any age")
    func oedema() {
        #expect(Classification.classify(scores: [:], muacMM: nil, oedema: true, ageMonths: 2) == [.wastingSevere, .severeAcuteMalnutrition])
    }

    @Test("age in months is days / 30.4375, as WHO computes it")
    func months() {
        #expect(GrowthAssessment.months(ageDays: 182) == 5)
        #expect(GrowthAssessment.months(ageDays: 183) == 6)
        #expect(GrowthAssessment.months(ageDays: 1826) == 59)
    }
}
