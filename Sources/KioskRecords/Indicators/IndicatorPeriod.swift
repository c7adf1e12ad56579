public import KioskDomain

/// A report's period: whole calendar months, from the first day of `YYYY-MM` to the last day of another.
public struct IndicatorPeriod: Sendable, Hashable {
    /// The longest period a report covers, in months (ten years).
    public static let maximumMonths = 120

    /// The first day.
    public let from: CalendarDate
    /// The last day.
    public let through: CalendarDate

    /// The months `from...through` (`YYYY-MM`); throws a message naming the field for a month that
    /// is not `YYYY-MM`, a `through` before `from`, or a period longer than ``maximumMonths``.
    public init(from: String, through: String, fromField: String = "from", throughField: String = "through") throws(IndicatorRequestError) {
        let first = try Self.firstDay(of: from, field: fromField)
        let last = try Self.firstDay(of: through, field: throughField).adding(months: 1).adding(days: -1)
        guard first <= last else { throw IndicatorRequestError("\(throughField): \(through) is before \(fromField) \(from)") }
        let count = Self.months(from: from, through: through).count
        guard count <= Self.maximumMonths else {
            throw IndicatorRequestError("\(fromField)/\(throughField): \(count) months; a report covers at most \(Self.maximumMonths)")
        }
        self.from = first
        self.through = last
    }

    /// The first month, `YYYY-MM`.
    public var fromMonth: String { String(self.from.isoString.prefix(7)) }
    /// The last month, `YYYY-MM`.
    public var throughMonth: String { String(self.through.isoString.prefix(7)) }
    /// Every month, in order.
    public var months: [String] { Self.months(from: self.fromMonth, through: self.throughMonth) }

    /// The months from `from` to `through` (`YYYY-MM`, both included); empty when either is not a month.
    public static func months(from: String, through: String) -> [String] {
        guard var day = try? CalendarDate(iso: from + "-01"), let last = try? CalendarDate(iso: through + "-01") else { return [] }
        var months: [String] = []
        while day <= last, months.count <= Self.maximumMonths * 10 {
            months.append(String(day.isoString.prefix(7)))
            day = day.adding(months: 1)
        }
        return months
    }

    private static func firstDay(of month: String, field: String) throws(IndicatorRequestError) -> CalendarDate {
        guard !month.isEmpty else { throw IndicatorRequestError("\(field): is required (a month written YYYY-MM)") }
        let valid = month.count == 7 && month.utf8.enumerated().allSatisfy { $0.offset == 4 ? $0.element == UInt8(ascii: "-") : (48...57).contains($0.element) }
        guard valid, let day = try? CalendarDate(iso: month + "-01") else {
            throw IndicatorRequestError("\(field): '\(month.prefix(20))' is not a month written YYYY-MM")
        }
        return day
    }
}

/// A report request that cannot be answered, with a message naming the field.
public struct IndicatorRequestError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, e.g. `through: 2026-01 is before from 2026-03`.
    public var message: String

    /// Creates an error.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { self.message }
}
