import KioskDomain
import KioskPluginKit

/// Kinds of nutrition support.
enum SupportKind: String, Sendable, Hashable, CaseIterable {
    /// Micronutrient powder for home fortification of complementary food, 6–23 months (WHO guideline
    /// on home fortification with micronutrient powders, 2016).
    case micronutrientSachets = "micronutrient-sachets"
    /// Supplementary food for moderate wasting or underweight, 6–59 months.
    case supplementaryFood = "supplementary-food"

    /// What reviewers and reports call it, in both languages.
    var title: LocalizedText {
        switch self {
        case .micronutrientSachets: LocalizedText(zh: "营养包", en: "Micronutrient sachets")
        case .supplementaryFood: LocalizedText(zh: "营养补充食品", en: "Supplementary food")
        }
    }

    /// The ages in completed months (WHO's days / 30.4375) the support is for.
    var ageMonths: Range<Int> {
        switch self {
        case .micronutrientSachets: 6..<24
        case .supplementaryFood: 6..<60
        }
    }
}

/// The eligibility rules of nutrition support, on the child's age and latest measurement. No I/O.
struct SupportEligibility: Sendable, Hashable {
    /// How recent the latest measurement must be, in days (setting `recent-measurement-days`).
    var measurementValidDays: Int

    func checks(
        for kind: SupportKind,
        birthDate: CalendarDate,
        today: CalendarDate,
        latest: StoredMeasurement?
    ) -> [CheckResult] {
        let months = GrowthAssessment.months(ageDays: birthDate.days(to: today))
        let range = kind.ageMonths
        var checks = [
            CheckResult(
                rule: "age-\(range.lowerBound)-to-\(range.upperBound - 1)-months",
                passed: range.contains(months),
                explanation: "the child is \(months) months old on \(today); \(kind.rawValue) is for \(range.lowerBound) to \(range.upperBound - 1) months"
            )
        ]
        guard let latest else {
            checks.append(
                CheckResult(rule: "recent-measurement", passed: false, explanation: "the child has no growth measurement; measure the child first")
            )
            return checks
        }
        let age = latest.measurement.measuredOn.days(to: today)
        checks.append(
            CheckResult(
                rule: "recent-measurement",
                passed: age <= self.measurementValidDays,
                explanation: "the latest measurement is of \(latest.measurement.measuredOn), \(age) days ago; it must be at most \(self.measurementValidDays) days old"
            )
        )
        let classifications = latest.assessment.classifications
        let severe = classifications.contains(.severeAcuteMalnutrition)
        checks.append(
            CheckResult(
                rule: "not-severe-acute-malnutrition",
                passed: !severe,
                explanation: severe
                    ? "the latest measurement shows severe acute malnutrition: refer the child for treatment instead"
                    : "the latest measurement does not show severe acute malnutrition"
            )
        )
        if kind == .supplementaryFood {
            let shown = classifications.filter { [.wastingModerate, .underweightModerate, .underweightSevere].contains($0) }
            checks.append(
                CheckResult(
                    rule: "moderate-wasting-or-underweight",
                    passed: !shown.isEmpty,
                    explanation: shown.isEmpty
                        ? "the latest measurement shows neither moderate wasting nor underweight"
                        : "the latest measurement shows \(shown.map(\.rawValue).joined(separator: ", "))"
                )
            )
        }
        return checks
    }
}
