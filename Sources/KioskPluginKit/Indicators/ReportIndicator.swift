public import KioskDomain

/// One number the programme's reports show, counted from the records, never typed in.
///
/// Each indicator has one precise counting rule (`docs/INDICATORS.md` lists them all). Plugins
/// contribute theirs through an ``IndicatorProvider``; the core adds its own.
public struct ReportIndicator: Sendable, Hashable {
    /// What is counted.
    public enum Unit: String, Sendable, Hashable, CaseIterable {
        /// Distinct children.
        case children
        /// Distinct caregivers.
        case caregivers
        /// Distinct families (households, foster families).
        case families
        /// Events: sessions, visits, applications, placements.
        case events
        /// Money, in yuan.
        case yuan
        /// Days (e.g. a median waiting time).
        case days
    }

    /// `<plugin id>.<name>` (or `core.<name>`), e.g. `nutrition.children-measured`.
    public var id: String
    /// The title reports show.
    public var title: LocalizedText
    /// The counting rule in one or two sentences: what is counted, from which records, in which
    /// states, over which period or as of which day.
    public var rule: String
    /// What the number counts. Counts of people (children, caregivers, families) below the
    /// reports' threshold are shown as "fewer than N" at village level.
    public var unit: Unit
    /// The levels the indicator is shown at (`village` also means every level above it).
    public var levels: Set<Jurisdiction.Level>

    /// Declares an indicator.
    public init(id: String, title: LocalizedText, rule: String, unit: Unit, levels: Set<Jurisdiction.Level> = [.village, .township, .county]) {
        self.id = id
        self.title = title
        self.rule = rule
        self.unit = unit
        self.levels = levels
    }

    /// Whether the indicator counts people, whose small numbers are hidden at village level.
    public var countsPeople: Bool {
        [.children, .caregivers, .families].contains(self.unit)
    }
}

/// What a report asks an ``IndicatorProvider`` to count: which villages, which period, grouped how.
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
}

/// One counted value: an area (a prefix of village codes), a month when grouped by month, the number.
public struct IndicatorValue: Sendable, Hashable {
    /// The area's code (6, 9 or 12 digits, as the query asked).
    public var area: String
    /// `YYYY-MM`, or empty when the query was not grouped by month.
    public var month: String
    /// The number.
    public var value: Double

    /// Creates a value.
    public init(area: String, month: String, value: Double) {
        self.area = area
        self.month = month
        self.value = value
    }
}

/// A child a plugin supported in a period, for the core's "children without sufficient family care
/// who got support" indicator, which counts each child once however many plugins helped.
public struct SupportedChild: Sendable, Hashable {
    /// The child.
    public var childID: String
    /// The village the support was recorded in.
    public var village: String
    /// `YYYY-MM` of the support (the first month in the period).
    public var month: String

    /// Creates an entry.
    public init(childID: String, village: String, month: String) {
        self.childID = childID
        self.village = village
        self.month = month
    }
}
