public import KioskPluginKit

/// The core's own settings, in the `[core]` section of the settings file (environment:
/// `KIOSKD_CORE_<KEY>`). docs/CORE-SERVICES.md explains each rule.
public enum CoreSettings {
    /// The section's name.
    public static let section = "core"

    /// How long an urgent override may be used after it is recorded.
    public static let urgentOverrideHours = Setting.integer(
        "urgent-override-hours", default: 72, in: 1...168,
        help: "Hours an urgent consent override may be used for one submission after it is recorded"
    )

    /// Whether the retention service de-identifies expired records.
    public static let retentionEnabled = Setting.boolean(
        "retention-enabled", default: true,
        help: "De-identify children's records whose retention period has ended (false: keep everything, e.g. during a legal hold)"
    )

    /// Years a child's record is kept after the later of the 18th birthday and the end of the last case.
    public static let retentionYears = Setting.integer(
        "retention-years", default: 10, in: 1...50,
        help: "Years a child's record is kept after the later of the child's 18th birthday and the end of the child's last case"
    )

    /// Children de-identified per transaction.
    public static let retentionBatchSize = Setting.integer(
        "retention-batch-size", default: 100, in: 1...1000,
        help: "Children de-identified per transaction (kiosks' writes go between batches)"
    )

    /// Counts of people below this are shown as "fewer than N" in village rows of reports.
    public static let reportSmallCountThreshold = Setting.integer(
        "report-small-count-threshold", default: 5, in: 2...100,
        help: "counts of children (or caregivers, families) from 1 to this minus one are shown as \"fewer than N\" in village rows of reports"
    )

    /// Every setting the core declares.
    public static var all: [any SettingDeclaration] {
        [urgentOverrideHours, retentionEnabled, retentionYears, retentionBatchSize, reportSmallCountThreshold]
    }
}
