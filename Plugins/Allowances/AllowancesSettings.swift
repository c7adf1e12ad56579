import KioskPluginKit
import KioskDomain

/// The plugin's settings, `[allowances]` in kioskd's settings file (README.md, "Settings").
enum AllowancesSettings {
    /// How often the background checks look for children who turned 18 or lost a qualifying category.
    static let checkIntervalHours = Setting.integer(
        "check-interval-hours", default: 1, in: 1...168,
        help: "hours between the automatic checks that suspend the allowances of children who turned 18 or lost a qualifying category"
    )

    /// Whether the month of the 18th birthday is paid.
    static let birthdayMonthPaid = Setting.boolean(
        "birthday-month-paid", default: true,
        help: "whether the month of the 18th birthday is paid (true: payments stop from the month after it; false: from its month)"
    )

    static let all: [any SettingDeclaration] = [checkIntervalHours, birthdayMonthPaid]
}

/// When the age rule stops payments: at 18, in whole months.
struct AgeLimit: Sendable, Hashable {
    /// Whether the month of the 18th birthday is paid (setting `birthday-month-paid`).
    var birthdayMonthPaid: Bool

    /// The day a child born on `birthDate` turns 18: the same day 18 years on, or 1 March for a
    /// child born on 29 February when that year has no 29 February (as `completedYears` counts).
    static func eighteenthBirthday(of birthDate: CalendarDate) -> CalendarDate {
        let anniversary = birthDate.adding(years: 18)
        return birthDate.completedYears(on: anniversary) >= 18 ? anniversary : anniversary.adding(days: 1)
    }

    /// The last month paid to a child who turns 18 on `eighteenth`.
    func lastMonthPaid(eighteenth: CalendarDate) -> Month {
        self.birthdayMonthPaid ? Month(eighteenth) : Month(eighteenth).adding(months: -1)
    }
}
