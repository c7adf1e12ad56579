public import GRDB

/// One counted value: an area (a prefix of village codes), a month when grouped by month, a group
/// of the indicator's breakdown (or none), the number.
///
/// Providers return only the values that are not zero; a report shows 0 for the rest.
public struct IndicatorValue: Sendable, Hashable {
    /// The area's code (6, 9 or 12 digits, as the query asked).
    public var area: String
    /// `YYYY-MM`, or empty when the query was not grouped by month.
    public var month: String
    /// The key of one of the indicator's ``ReportIndicator/groups``, or empty for the indicator's
    /// total (which for distinct people is not always the sum of its groups).
    public var group: String
    /// The number (for a ``ReportIndicator/Unit/days`` indicator, one event's days).
    public var value: Double

    /// Creates a value.
    public init(area: String, month: String, group: String = "", value: Double) {
        self.area = area
        self.month = month
        self.group = group
        self.value = value
    }

    /// A value from a row with the columns `area`, `month` and `value`, and `grp` (the group's key)
    /// when the indicator has groups: `SELECT … AS area, … AS month, type AS grp, COUNT(*) AS value`.
    public init(row: Row) {
        self.init(area: row["area"] ?? "", month: row["month"] ?? "", group: row["grp"] ?? "", value: row["value"] ?? 0)
    }
}

/// A child a plugin supported in a month, for the core's "supported children without sufficient
/// family care" indicator, which counts each child once however many plugins helped.
public struct SupportedChild: Sendable, Hashable {
    /// The child.
    public var childID: String
    /// The village the support was recorded in (the report places the child by the registry's village).
    public var village: String
    /// `YYYY-MM`: a month of the query's period in which the child had the support. A child
    /// supported over several months appears once for each.
    public var month: String

    /// Creates an entry.
    public init(childID: String, village: String, month: String) {
        self.childID = childID
        self.village = village
        self.month = month
    }
}
