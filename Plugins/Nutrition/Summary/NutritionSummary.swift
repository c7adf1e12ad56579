/// Children measured in a period and how many show each classification, judged on each child's
/// latest measurement in the period. Implausible z-scores are left out, as WHO leaves them out of
/// prevalence estimates.
struct NutritionSummary: Sendable, Hashable {
    /// How many children show one classification, out of how many could be assessed for it.
    struct Prevalence: Sendable, Hashable {
        var classification: Classification
        var children: Int
        var assessed: Int

        /// Percent, rounded to one decimal; 0 when nobody was assessed.
        var percent: Double {
            self.assessed == 0 ? 0 : (Double(self.children) * 1000 / Double(self.assessed)).rounded() / 10
        }
    }

    var childrenMeasured: Int
    /// One entry per classification, in order.
    var prevalence: [Prevalence]

    /// The summary of `measurements` (oldest first).
    init(measurements: [StoredMeasurement]) {
        var latest: [String: StoredMeasurement] = [:]
        for measurement in measurements { latest[measurement.childID] = measurement }
        self.childrenMeasured = latest.count
        self.prevalence = Classification.allCases.map { classification in
            let assessed = latest.values.filter { Self.canAssess(classification, $0) }
            return Prevalence(
                classification: classification,
                children: assessed.filter { $0.assessment.classifications.contains(classification) }.count,
                assessed: assessed.count
            )
        }
    }

    private static func canAssess(_ classification: Classification, _ stored: StoredMeasurement) -> Bool {
        guard let indicator = classification.indicator else { return true }
        if indicator == .weightForLengthHeight, stored.measurement.oedema { return true }
        return stored.assessment.scores[indicator] != nil && !stored.assessment.implausible.contains(indicator)
    }
}
