import KioskDomain
import KioskPluginKit
@testable import NutritionPlugin
import Testing

/// A stored measurement with the given classifications and z-scores, for rule tests without storage.
func stored(
    _ childID: String, on date: String, scores: [Indicator: Double] = [:], implausible: Set<Indicator> = [],
    classifications: [Classification] = [], oedema: Bool = false
) throws -> StoredMeasurement {
    StoredMeasurement(
        measurementID: "M-\(childID)-\(date)", childID: childID, village: "530102001001",
        measurement: GrowthMeasurement(
            measuredOn: try CalendarDate(iso: date), weightKg: 9, lengthCm: 75, position: .lying, muacMM: nil, oedema: oedema
        ),
        assessment: GrowthAssessment(ageDays: 400, adjustedLengthCm: 75, scores: scores, implausible: implausible, classifications: classifications),
        referralItemID: nil, recordedBy: "vd-1"
    )
}

@Suite("Jurisdiction summary")
struct SummaryTests {
    @Test("each child counts once, by the latest measurement; implausible scores are not assessed")
    func prevalence() throws {
        let all = [.weightForAge: 0.0, .lengthHeightForAge: 0.0, .weightForLengthHeight: 0.0] as [Indicator: Double]
        let summary = NutritionSummary(measurements: [
            // Child a was stunted, then no longer: only the latest counts.
            try stored("a", on: "2026-01-10", scores: [.lengthHeightForAge: -2.5], classifications: [.stuntingModerate]),
            try stored("a", on: "2026-03-10", scores: all),
            try stored("b", on: "2026-02-01", scores: [.lengthHeightForAge: -3.5, .weightForAge: -2.4, .weightForLengthHeight: 0],
                       classifications: [.stuntingSevere, .underweightModerate]),
            // Child c: implausible weight-for-age, not assessed for underweight.
            try stored("c", on: "2026-02-02", scores: [.lengthHeightForAge: -1, .weightForAge: -7, .weightForLengthHeight: -1],
                       implausible: [.weightForAge]),
            // Child d: oedema, no weight-based scores, assessed for wasting.
            try stored("d", on: "2026-02-03", scores: [.lengthHeightForAge: -1], classifications: [.wastingSevere, .severeAcuteMalnutrition], oedema: true),
        ])
        #expect(summary.childrenMeasured == 4)
        let byClass = Dictionary(uniqueKeysWithValues: summary.prevalence.map { ($0.classification, $0) })
        #expect(byClass[.stuntingModerate]?.children == 0)
        #expect(byClass[.stuntingSevere]?.children == 1)
        #expect(byClass[.stuntingSevere]?.assessed == 4)
        #expect(byClass[.stuntingSevere]?.percent == 25)
        #expect(byClass[.underweightModerate]?.assessed == 2)
        #expect(byClass[.underweightModerate]?.percent == 50)
        #expect(byClass[.wastingSevere]?.assessed == 4)
        #expect(byClass[.severeAcuteMalnutrition]?.children == 1)
        #expect(summary.prevalence.map(\.classification) == Classification.allCases)
    }

    @Test("an empty period has no children and 0 percent everywhere")
    func empty() {
        let summary = NutritionSummary(measurements: [])
        #expect(summary.childrenMeasured == 0)
        #expect(summary.prevalence.allSatisfy { $0.percent == 0 && $0.assessed == 0 })
    }
}

@Suite("Nutrition support eligibility")
struct EligibilityTests {
    let birth: CalendarDate
    let today: CalendarDate

    init() throws {
        self.birth = try CalendarDate(iso: "2025-11-01")
        self.today = try CalendarDate(iso: "2026-11-23")
    }

    /// The rules with the default window of the setting `recent-measurement-days`.
    let rules = SupportEligibility(measurementValidDays: 90)

    func failed(_ checks: [CheckResult]) -> [String] { checks.filter { !$0.passed }.map(\.rule) }

    @Test("sachets: 6 to 23 months, measured in the last 90 days, no severe acute malnutrition")
    func sachets() throws {
        let fine = try stored("a", on: "2026-11-01")
        #expect(failed(rules.checks(for: .micronutrientSachets, birthDate: birth, today: today, latest: fine)).isEmpty)
        let old = try stored("a", on: "2026-08-01")
        #expect(failed(rules.checks(for: .micronutrientSachets, birthDate: birth, today: today, latest: old)) == ["recent-measurement"])
        let sam = try stored("a", on: "2026-11-01", classifications: [.severeAcuteMalnutrition])
        #expect(failed(rules.checks(for: .micronutrientSachets, birthDate: birth, today: today, latest: sam))
            == ["not-severe-acute-malnutrition"])
        let none = rules.checks(for: .micronutrientSachets, birthDate: birth, today: today, latest: nil)
        #expect(failed(none) == ["recent-measurement"])
        let tooOld = rules.checks(for: .micronutrientSachets, birthDate: try CalendarDate(iso: "2024-01-01"), today: today, latest: fine)
        #expect(failed(tooOld) == ["age-6-to-23-months"])
        #expect(tooOld[0].explanation == "the child is 34 months old on 2026-11-23; micronutrient-sachets is for 6 to 23 months")
    }

    @Test("the recent-measurement window is the setting's")
    func window() throws {
        let old = try stored("a", on: "2026-08-01")
        let wider = SupportEligibility(measurementValidDays: 120)
        #expect(failed(wider.checks(for: .micronutrientSachets, birthDate: birth, today: today, latest: old)).isEmpty)
        #expect(wider.checks(for: .micronutrientSachets, birthDate: birth, today: today, latest: old)[1].explanation
            == "the latest measurement is of 2026-08-01, 114 days ago; it must be at most 120 days old")
    }

    @Test("supplementary food needs moderate wasting or underweight")
    func supplementaryFood() throws {
        let normal = try stored("a", on: "2026-11-01")
        #expect(failed(rules.checks(for: .supplementaryFood, birthDate: birth, today: today, latest: normal))
            == ["moderate-wasting-or-underweight"])
        let wasted = try stored("a", on: "2026-11-01", classifications: [.wastingModerate])
        #expect(failed(rules.checks(for: .supplementaryFood, birthDate: birth, today: today, latest: wasted)).isEmpty)
    }
}
