import KioskDomain
import KioskPluginKit

/// A calendar month, written "YYYY-MM": the unit of rates and payments.
struct Month: Sendable, Hashable, Comparable, CustomStringConvertible {
    let year: Int
    let month: Int

    /// Reads a request's month field with the kit's wording of errors ("month: '2025-3' is not a month written YYYY-MM").
    init(field text: String, name: String) throws {
        self.init(try RequestField.month(text, field: name))
    }

    /// Parses "YYYY-MM" as stored; nil when it is not one.
    init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), (1...9999).contains(year), (1...12).contains(month)
        else { return nil }
        self.year = year
        self.month = month
    }

    /// The month of `date`.
    init(_ date: CalendarDate) {
        self.year = date.year
        self.month = date.month
    }

    /// The month `months` later (earlier when negative).
    func adding(months: Int) -> Month {
        Month(self.firstDay.adding(months: months))
    }

    /// Its first day.
    var firstDay: CalendarDate {
        // Day 1 of a month in 1...9999 always exists.
        try! CalendarDate(year: self.year, month: self.month, day: 1)
    }

    var description: String {
        let month = self.month < 10 ? "0\(self.month)" : "\(self.month)"
        return "\(self.year)-\(month)"
    }

    static func < (lhs: Month, rhs: Month) -> Bool {
        (lhs.year, lhs.month) < (rhs.year, rhs.month)
    }
}
