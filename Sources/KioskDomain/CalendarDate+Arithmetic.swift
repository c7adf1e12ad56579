extension CalendarDate {
    /// Days since 1970-01-01 (negative before), in the proleptic Gregorian calendar.
    public var dayNumber: Int {
        // Shift the year to start in March so that the leap day is the last day of the year.
        let year = self.month <= 2 ? self.year - 1 : self.year
        let era = (year >= 0 ? year : year - 399) / 400
        let yearOfEra = year - era * 400
        let shiftedMonth = (self.month + 9) % 12
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + self.day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date of day number `dayNumber` (days since 1970-01-01).
    public init(dayNumber: Int) {
        let shifted = dayNumber + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        // The arithmetic above only produces valid dates.
        self = try! CalendarDate(year: year, month: month, day: day)
    }

    /// Days from this date to `other` (negative when `other` is earlier).
    public func days(to other: CalendarDate) -> Int {
        other.dayNumber - self.dayNumber
    }

    /// The date `days` later (or earlier, when negative).
    public func adding(days: Int) -> CalendarDate {
        CalendarDate(dayNumber: self.dayNumber + days)
    }

    /// The same day `months` later; a day past the end of the target month becomes its last day
    /// (31 January + 1 month = 28 or 29 February).
    public func adding(months: Int) -> CalendarDate {
        // Clamped to the years CalendarDate can hold.
        let index = min(max(self.year * 12 + (self.month - 1) + months, 12), 9999 * 12 + 11)
        let year = index >= 0 ? index / 12 : (index - 11) / 12
        let month = index - year * 12 + 1
        let day = min(self.day, Self.numberOfDays(inMonth: month, year: year))
        // Clamped to the month's length, so always valid.
        return try! CalendarDate(year: year, month: month, day: day)
    }

    /// The same day `years` later; 29 February becomes 28 February in a common year.
    public func adding(years: Int) -> CalendarDate {
        self.adding(months: years * 12)
    }

    /// Completed years of age on `date` for someone born on this date; a child born on
    /// 29 February completes a year on 1 March in common years.
    public func completedYears(on date: CalendarDate) -> Int {
        var years = date.year - self.year
        if (date.month, date.day) < (self.month, self.day) { years -= 1 }
        return years
    }
}
