import KioskDomain

/// A calendar month, written "YYYY-MM": the unit of rates and payments.
struct Month: Sendable, Hashable, Comparable, CustomStringConvertible {
    let year: Int
    let month: Int

    /// Parses "YYYY-MM"; nil when it is not one.
    init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), (1900...9999).contains(year), (1...12).contains(month)
        else { return nil }
        self.year = year
        self.month = month
    }

    /// The month of `date`.
    init(_ date: CalendarDate) {
        self.year = date.year
        self.month = date.month
    }

    /// Its first day.
    var firstDay: CalendarDate {
        // Day 1 of a month in 1900...9999 always exists.
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
