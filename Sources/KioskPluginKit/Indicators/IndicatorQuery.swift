public import KioskDomain

/// What a report asks an ``IndicatorProvider`` to count: which villages, which period, grouped how.
///
/// Periods are whole calendar months (`from` is the first day of a month, `through` the last day
/// of one). Two kinds of rule fit the query:
/// - **in the period** (children measured, amounts paid): rows dated `from...through`, grouped by
///   ``month(ofDateColumn:)`` when ``byMonth`` is set;
/// - **as of a day** (arrangements in effect, cases waiting): counted on each of ``asOfDays``, the
///   period's last day, or the last day of every month when grouped by month. Join
///   ``asOfDaysTable`` (columns `month`, `day`) and group by its `month`.
public struct IndicatorQuery: Sendable, Hashable {
    /// The villages counted (the report's division).
    public var villages: VillageRange
    /// The first day of the period.
    public var from: CalendarDate
    /// The last day of the period; indicators "as of" a day use this one.
    public var through: CalendarDate
    /// Results are grouped by this many leading digits of the village code: 6 (county), 9 (township) or 12 (village).
    public var areaDigits: Int
    /// Whether results are also grouped by calendar month (`YYYY-MM`).
    public var byMonth: Bool

    /// Creates a query.
    public init(villages: VillageRange, from: CalendarDate, through: CalendarDate, areaDigits: Int, byMonth: Bool) {
        self.villages = villages
        self.from = from
        self.through = through
        self.areaDigits = areaDigits
        self.byMonth = byMonth
    }

    /// SQL for the area of a row from its 12-digit village column, e.g. `substr(village, 1, 9)`.
    public func area(ofVillageColumn column: String) -> String {
        "substr(\(column), 1, \(self.areaDigits))"
    }

    /// SQL for the month of a row from a `YYYY-MM-DD` date column: `substr(date, 1, 7)`, or `''`
    /// when the query is not grouped by month.
    public func month(ofDateColumn column: String) -> String {
        self.byMonth ? "substr(\(column), 1, 7)" : "''"
    }

    /// SQL for the month of a row from a `YYYY-MM` column: the column, or `''` when the query is not
    /// grouped by month.
    public func month(ofMonthColumn column: String) -> String {
        self.byMonth ? column : "''"
    }

    /// The period's first month, `YYYY-MM`, for `BETWEEN` on a month column.
    public var fromMonth: String { String(self.from.isoString.prefix(7)) }

    /// The period's last month, `YYYY-MM`.
    public var throughMonth: String { String(self.through.isoString.prefix(7)) }

    /// The days an "as of" indicator is counted on, each with the month its value belongs to: the
    /// last day of every month of the period when grouped by month, else the period's last day
    /// with the month `''`.
    public var asOfDays: [(month: String, day: CalendarDate)] {
        guard self.byMonth else { return [("", self.through)] }
        var days: [(month: String, day: CalendarDate)] = []
        var first = self.from
        while first <= self.through {
            let next = first.adding(months: 1)
            let last = min(next.adding(days: -1), self.through)
            days.append((String(first.isoString.prefix(7)), last))
            first = next
        }
        return days
    }

    /// ``asOfDays`` as an SQL table with the text columns `month` and `day` (`YYYY-MM-DD`), e.g.
    /// `FROM (\(query.asOfDaysTable)) AS d JOIN nutrition_case c ON c.opened_on <= d.day`.
    /// The text is made from dates only, so it is safe to splice into SQL.
    public var asOfDaysTable: String {
        self.asOfDays.map { "SELECT '\($0.month)' AS month, '\($0.day.isoString)' AS day" }.joined(separator: " UNION ALL ")
    }
}
