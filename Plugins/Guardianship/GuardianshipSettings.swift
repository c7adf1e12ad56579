import KioskPluginKit

/// The plugin's settings, `[guardianship]` in kioskd's settings file (README.md, "Settings").
enum GuardianshipSettings {
    /// Months between reviews of an arrangement at high risk (or with no assessment).
    static let reviewMonthsHighRisk = Setting.integer(
        "review-months-high-risk", default: 3, in: 1...24,
        help: "months between reviews of an arrangement whose child's latest assessment is high risk, or who has none"
    )

    /// Months between reviews of an arrangement at medium or low risk.
    static let reviewMonthsOther = Setting.integer(
        "review-months-other", default: 6, in: 1...24,
        help: "months between reviews of an arrangement whose child's latest assessment is medium or low risk"
    )

    /// How old a caregiver's assessment may be for an entrusted or kinship care application.
    static let assessmentValidDays = Setting.integer(
        "assessment-valid-days", default: 180, in: 1...730,
        help: "days a caregiver's assessment stays valid for an entrusted or kinship care application"
    )

    static let all: [any SettingDeclaration] = [reviewMonthsHighRisk, reviewMonthsOther, assessmentValidDays]
}
