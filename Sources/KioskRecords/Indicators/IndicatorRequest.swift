public import KioskDomain

/// What a report is asked for: a division, a period and the breakdowns wanted.
public struct IndicatorRequest: Sendable, Hashable {
    /// The breakdowns beside the division's total for the period, which every report has.
    public struct Breakdown: OptionSet, Sendable, Hashable {
        public let rawValue: Int

        /// Creates a set of breakdowns.
        public init(rawValue: Int) {
            self.rawValue = rawValue
        }

        /// A row per area one level down (a county's townships, a township's villages).
        public static let areas = Breakdown(rawValue: 1)
        /// The division's total for each month.
        public static let months = Breakdown(rawValue: 2)
        /// Each area's value for each month (with ``areas`` and ``months``).
        public static let areaMonths = Breakdown(rawValue: 4)
    }

    /// The division counted.
    public var division: Jurisdiction
    /// The whole months counted.
    public var period: IndicatorPeriod
    /// The breakdowns wanted.
    public var breakdown: Breakdown
    /// Only these indicators, or all when empty.
    public var indicatorIDs: Set<String>

    /// Creates a request; a village division has no areas below it, so ``Breakdown/areas`` is dropped for it.
    public init(division: Jurisdiction, period: IndicatorPeriod, breakdown: Breakdown, indicatorIDs: Set<String> = []) {
        self.division = division
        self.period = period
        self.breakdown = division.level == .village ? breakdown.subtracting([.areas, .areaMonths]) : breakdown
        if self.breakdown.contains(.areaMonths) { self.breakdown.formUnion([.areas, .months]) }
        self.indicatorIDs = indicatorIDs
    }

    /// The number of digits of the area rows: the level below the division's.
    public var areaDigits: Int {
        switch self.division.level {
        case .county: Jurisdiction.Level.township.digitCount
        default: Jurisdiction.Level.village.digitCount
        }
    }

    /// The level name of the area rows, or nil without ``Breakdown/areas``.
    public var areaLevel: String? {
        guard self.breakdown.contains(.areas) else { return nil }
        return self.areaDigits == Jurisdiction.Level.township.digitCount ? "township" : "village"
    }

    /// The groupings to count: (digits of the area, by month), the division's total first.
    var aggregations: [Aggregation] {
        var list = [Aggregation(digits: self.division.digits.count, byMonth: false)]
        if self.breakdown.contains(.months) { list.append(Aggregation(digits: self.division.digits.count, byMonth: true)) }
        if self.breakdown.contains(.areas) { list.append(Aggregation(digits: self.areaDigits, byMonth: false)) }
        if self.breakdown.contains(.areaMonths) { list.append(Aggregation(digits: self.areaDigits, byMonth: true)) }
        return list
    }
}

/// One grouping of a report's counts: by area of so many digits, and by month or not.
struct Aggregation: Hashable, Sendable {
    var digits: Int
    var byMonth: Bool

    /// The level of the areas.
    var level: Jurisdiction.Level {
        switch self.digits {
        case Jurisdiction.Level.county.digitCount: .county
        case Jurisdiction.Level.township.digitCount: .township
        default: .village
        }
    }
}
