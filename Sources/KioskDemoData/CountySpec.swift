public import KioskDomain

/// What the generator makes: how many counties, townships, villages and children, over which months,
/// from which seed. The same spec gives the same database, row for row.
public struct CountySpec: Sendable, Hashable {
    /// The seed every random draw derives from.
    public var seed: UInt64
    /// How many counties (codes `530102`, `530103`, … then `530202`, …).
    public var counties: Int
    /// Children per county (the pilot counties had about 130,000).
    public var childrenPerCounty: Int
    /// Townships per county.
    public var townshipsPerCounty: Int
    /// Villages per township.
    public var villagesPerTownship: Int
    /// The last day with records: visits, measurements, applications and payments end here.
    public var until: CalendarDate
    /// How many months of records before `until` (visits, applications, payments).
    public var months: Int

    /// A spec; the defaults make the county: 300 villages in 15 townships, ~130,000
    /// children, two years of records ending 2026-11-30.
    public init(
        seed: UInt64 = 2026,
        counties: Int = 1,
        childrenPerCounty: Int = 130_000,
        townshipsPerCounty: Int = 15,
        villagesPerTownship: Int = 20,
        until: CalendarDate = Self.defaultUntil,
        months: Int = 24
    ) {
        self.seed = seed
        self.counties = counties
        self.childrenPerCounty = childrenPerCounty
        self.townshipsPerCounty = townshipsPerCounty
        self.villagesPerTownship = villagesPerTownship
        self.until = until
        self.months = months
    }

    /// 2026-11-30.
    public static let defaultUntil = CalendarDate(dayNumber: CalendarDate.epochDayNumber(2026, 11, 30))

    /// Why the spec cannot be generated, or nil.
    public var problem: String? {
        if !(1...400).contains(self.counties) { return "counties must be 1 to 400" }
        if !(1...2_000_000).contains(self.childrenPerCounty) { return "children per county must be 1 to 2,000,000" }
        if !(1...99).contains(self.townshipsPerCounty) { return "townships per county must be 1 to 99" }
        if !(1...99).contains(self.villagesPerTownship) { return "villages per township must be 1 to 99" }
        if !(1...120).contains(self.months) { return "months must be 1 to 120" }
        return nil
    }

    /// The code of county `index` (0-based): province 53, prefecture 01…, county 02…21.
    public func countyCode(_ index: Int) -> String {
        let prefecture = 1 + index / 20
        let county = 2 + index % 20
        return "53" + Self.twoDigits(prefecture) + Self.twoDigits(county)
    }

    /// The first day with records: the first day of the month `months - 1` before `until`'s.
    public var start: CalendarDate {
        (try? CalendarDate(year: self.until.year, month: self.until.month, day: 1))?.adding(months: -(self.months - 1)) ?? self.until
    }

    static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }

    static func threeDigits(_ value: Int) -> String {
        value < 10 ? "00\(value)" : value < 100 ? "0\(value)" : "\(value)"
    }
}

extension CalendarDate {
    /// The day number of a date known to be valid (for constants).
    static func epochDayNumber(_ year: Int, _ month: Int, _ day: Int) -> Int {
        ((try? CalendarDate(year: year, month: month, day: day)) ?? CalendarDate(dayNumber: 0)).dayNumber
    }
}
