import KioskPluginKit

/// The plugin's settings, `[nutrition]` in kioskd's settings file (README.md, "Settings").
enum NutritionSettings {
    /// How recent the latest measurement must be for a support application.
    static let recentMeasurementDays = Setting.integer(
        "recent-measurement-days", default: 90, in: 1...365,
        help: "days within which the child's latest measurement must have been taken for a support application"
    )

    static let all: [any SettingDeclaration] = [recentMeasurementDays]
}
