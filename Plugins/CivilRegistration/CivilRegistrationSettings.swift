import KioskPluginKit

/// The plugin's settings, `[civil_registration]` in kioskd's settings file (README.md, "Settings").
enum CivilRegistrationSettings {
    /// Cases with the police longer than this many days are listed by default as waiting too long.
    static let policeWaitDays = Setting.integer(
        "police-wait-days", default: 30, in: 1...3650,
        help: "days after the hand-over from which ListWaitingOnPolice lists a case without an outcome, when the request gives none"
    )

    static let all: [any SettingDeclaration] = [policeWaitDays]
}
