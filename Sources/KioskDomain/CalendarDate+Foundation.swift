public import Foundation

extension CalendarDate {
    /// The calendar day on which `date` falls in `timeZone`, such as today in Asia/Shanghai.
    ///
    /// Uses the Gregorian calendar whatever the process locale is.
    public init(_ date: Date, in timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        // Foundation's Gregorian calendar always yields a valid day; clamp the year to our range.
        let year = min(max(parts.year ?? 1, 1), 9999)
        self.year = year
        self.month = parts.month ?? 1
        self.day = parts.day ?? 1
    }
}
