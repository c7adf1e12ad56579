public import KioskPluginKit
import KioskDomain

/// A computed report: the indicators' definitions and their values for a division (or, merged,
/// several) over a period of whole months. Its JSON form is the exchange format between levels
/// (`kioskctl report --format json`, `kioskctl report merge`); `docs/INDICATORS.md` describes it.
///
/// Cells are dense for what was computed: every indicator shown at the level, every area, month and
/// group, zeros included. A cell of the period has the month `""`; a cell of the indicator's total
/// has the group `""`.
public struct IndicatorReport: Codable, Sendable, Hashable {
    /// The format this build writes and reads.
    public static let currentFormat = "kiosk-indicator-report/1"

    /// ``currentFormat``.
    public var format: String
    /// The fingerprint of the definitions, ``IndicatorCatalog/version(of:)``; reports are merged only
    /// when theirs are equal.
    public var definitionsVersion: String
    /// The divisions the report covers: one for a computed report, several for a merged one.
    public var jurisdictions: [String]
    /// The first month, `YYYY-MM`.
    public var from: String
    /// The last month, `YYYY-MM`.
    public var through: String
    /// The level of the rows in ``areas`` (`township`, `village`, `county` or `division` for a merged
    /// report's jurisdictions), or nil when the report has totals only.
    public var areaLevel: String?
    /// Counts of people from 1 to this minus one are hidden in village rows.
    public var smallCountThreshold: Int
    /// The definitions, in the order reports show them.
    public var indicators: [IndicatorDefinition]
    /// The codes of the rows below the total, sorted.
    public var areas: [String]
    /// The values.
    public var cells: [IndicatorCell]

    /// Creates a report from its parts (the engine and ``merge(_:)`` make them; tests and tools may too).
    public init(
        format: String, definitionsVersion: String, jurisdictions: [String], from: String, through: String, areaLevel: String?,
        smallCountThreshold: Int, indicators: [IndicatorDefinition], areas: [String], cells: [IndicatorCell]
    ) {
        self.format = format
        self.definitionsVersion = definitionsVersion
        self.jurisdictions = jurisdictions
        self.from = from
        self.through = through
        self.areaLevel = areaLevel
        self.smallCountThreshold = smallCountThreshold
        self.indicators = indicators
        self.areas = areas
        self.cells = cells
    }

    /// The area key of the report's total: its division, or `all` for a merged report.
    public var totalArea: String {
        self.jurisdictions.count == 1 ? self.jurisdictions[0] : "all"
    }

    /// The months of the period, `YYYY-MM`, in order.
    public var months: [String] {
        IndicatorPeriod.months(from: self.from, through: self.through)
    }

    /// The cells, looked up by indicator, area, month and group.
    public var lookup: IndicatorCells { IndicatorCells(self.cells) }
}

/// A report's cells by indicator, area, month and group, built once for many look-ups.
public struct IndicatorCells: Sendable {
    private let cells: [IndicatorCell.Key: IndicatorCell]

    init(_ cells: [IndicatorCell]) {
        self.cells = Dictionary(cells.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The cell of `indicator` for `area`, `month` (`""` for the period) and `group` (`""` for the total).
    public subscript(_ indicator: String, area area: String, month month: String = "", group group: String = "") -> IndicatorCell? {
        self.cells[IndicatorCell.Key(indicator: indicator, area: area, month: month, group: group)]
    }
}

/// An indicator's declaration as a report carries it, with the provider that counted it.
public struct IndicatorDefinition: Codable, Sendable, Hashable {
    /// `core.<name>` or `<plugin id>.<name>`.
    public var id: String
    /// The title.
    public var title: LocalizedText
    /// The counting rule.
    public var rule: String
    /// ``ReportIndicator/Unit`` raw value.
    public var unit: String
    /// The levels the indicator is shown at, county first.
    public var levels: [String]
    /// `core` or the plugin's id.
    public var provider: String
    /// The breakdown groups, in order.
    public var groups: [Group]

    /// One group of the breakdown.
    public struct Group: Codable, Sendable, Hashable {
        /// The key cells carry.
        public var key: String
        /// The title.
        public var title: LocalizedText
    }

    /// The definition of `indicator`, counted by `provider`.
    public init(_ indicator: ReportIndicator, provider: String) {
        self.id = indicator.id
        self.title = indicator.title
        self.rule = indicator.rule
        self.unit = indicator.unit.rawValue
        self.levels = [Jurisdiction.Level.county, .township, .village].filter(indicator.levels.contains).map(\.name)
        self.provider = provider
        self.groups = indicator.groups.map { Group(key: $0.key, title: $0.title) }
    }

    /// Whether the indicator counts people (hidden in village rows when few).
    public var countsPeople: Bool {
        ReportIndicator.Unit(rawValue: self.unit).map { [.children, .caregivers, .families].contains($0) } ?? false
    }

    /// Whether its values are medians of days.
    public var isMedian: Bool { self.unit == ReportIndicator.Unit.days.rawValue }
}

/// One value of a report.
public struct IndicatorCell: Codable, Sendable, Hashable {
    /// The indicator's id.
    public var indicator: String
    /// The area's code, or ``IndicatorReport/totalArea``.
    public var area: String
    /// `YYYY-MM`, or `""` for the whole period.
    public var month: String
    /// A group's key, or `""` for the indicator's total.
    public var group: String
    /// The number; nil when hidden (``suppressed``) or when a median has no events.
    public var value: Double?
    /// True when a small count of people was hidden ("fewer than N").
    public var suppressed: Bool?
    /// For a median: how many events took each number of days (`"12": 3`), so that merged reports
    /// take the median of all events, not of medians.
    public var days: [String: Int]?

    /// Creates a cell.
    public init(indicator: String, area: String, month: String, group: String, value: Double?, suppressed: Bool? = nil, days: [String: Int]? = nil) {
        self.indicator = indicator
        self.area = area
        self.month = month
        self.group = group
        self.value = value
        self.suppressed = suppressed
        self.days = days
    }

    struct Key: Hashable {
        var indicator: String
        var area: String
        var month: String
        var group: String
    }

    var key: Key { Key(indicator: self.indicator, area: self.area, month: self.month, group: self.group) }
}
