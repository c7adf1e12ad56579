public import KioskPluginKit

/// The core's own settings, in the `[core]` section of the settings file.
public enum CoreSettings {
    /// The section's name.
    public static let section = "core"

    /// Counts of people below this are shown as "fewer than N" in village rows of reports.
    public static let reportSmallCountThreshold = Setting.integer(
        "report-small-count-threshold", default: 5, in: 2...100,
        help: "counts of children (or caregivers, families) from 1 to this minus one are shown as \"fewer than N\" in village rows of reports"
    )

    /// Every setting the core declares.
    public static var all: [any SettingDeclaration] {
        [
            reportSmallCountThreshold,
        ]
    }
}
