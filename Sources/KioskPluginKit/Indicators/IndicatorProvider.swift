public import GRDB

/// A plugin's contribution to the programme's reports: its indicators, counted in SQL.
///
/// A plugin offers one by setting ``KioskPlugin/indicators``; reports (`kioskctl report`, the
/// core's `Reports/GetIndicators`) then show its numbers beside the core's with no change to the
/// host. `docs/INDICATORS.md` is generated from the declarations.
///
/// **How the host calls it.** On a reader connection, inside one read transaction, confined to the
/// plugin's own tables (`<plugin id>_…`): reading a core table fails as the statement is compiled.
/// So a plugin keeps in its own rows what it counts by: the child's id, the village (12 digits) and
/// the dates (add a migration when a table lacks one). For one report the host calls
/// ``values(of:for:in:)`` several times per indicator (by area, in total, by month), so each call
/// should be one indexed query (`village`, then the date) rather than a walk over every row.
///
/// **What to return.**
/// - Rows for the query's villages (`village BETWEEN query.villages.lowest AND highest`), grouped
///   by ``IndicatorQuery/area(ofVillageColumn:)`` and ``IndicatorQuery/month(ofDateColumn:)``.
/// - Group by position (`GROUP BY 1, 2`): SQLite takes a name in `GROUP BY` for a column of the
///   table before an alias, so `GROUP BY month` on a table with a `month` column groups by it.
/// - Only rows whose value is not zero; the report shows 0 for the rest.
/// - With ``ReportIndicator/groups``: a row per group (``IndicatorValue/group`` = the group's key)
///   *and* the total (`group` empty), which for distinct children is not the sum of the groups.
/// - For a ``ReportIndicator/Unit/days`` indicator: one row per event, its days as the value; the
///   report takes the median.
/// - Rules "in the period" count rows dated in `from...through`; rules "as of a day" count on each
///   of ``IndicatorQuery/asOfDays`` (join ``IndicatorQuery/asOfDaysTable``).
///
/// **Supported children.** A plugin that gives support sets ``supportRule`` and
/// ``supportedChildren(for:in:)`` lists each child the plugin gave support
/// to (a care arrangement in effect, nutrition support approved…), once per month of the period in
/// which it had the support, whatever the query's grouping. The core combines every plugin's lists
/// into "supported children without sufficient family care", counting a child once however many
/// plugins helped; which children count is decided there, in one place (`docs/INDICATORS.md`).
///
/// An error thrown here fails the report with INTERNAL naming the plugin; never put personal data
/// in it.
///
/// ```swift
/// struct NutritionIndicators: IndicatorProvider {
///     static let measured = ReportIndicator(
///         id: "nutrition.children-measured", title: LocalizedText(zh: "测量儿童数", en: "Children measured"),
///         rule: "Distinct children with at least one measurement dated in the period.", unit: .children)
///     var indicators: [ReportIndicator] { [Self.measured] }
///
///     func values(of indicator: ReportIndicator, for query: IndicatorQuery, in db: Database) throws -> [IndicatorValue] {
///         try Row.fetchAll(db, sql: """
///             SELECT \(query.area(ofVillageColumn: "village")) AS area, \(query.month(ofDateColumn: "measured_on")) AS month,
///                 COUNT(DISTINCT child_id) AS value
///             FROM nutrition_measurement WHERE village BETWEEN ? AND ? AND measured_on BETWEEN ? AND ?
///             GROUP BY 1, 2
///             """, arguments: [query.villages.lowest, query.villages.highest, query.from.isoString, query.through.isoString]
///         ).map { IndicatorValue(area: $0["area"], month: $0["month"], value: $0["value"]) }
///     }
/// }
/// ```
public protocol IndicatorProvider: Sendable {
    /// The indicators the provider counts, with ids `<plugin id>.<name>`.
    var indicators: [ReportIndicator] { get }

    /// Counts `indicator` for the query's villages and period, grouped by area (and month, and group).
    func values(of indicator: ReportIndicator, for query: IndicatorQuery, in db: Database) throws -> [IndicatorValue]

    /// What the plugin counts as support in ``supportedChildren(for:in:)``, one sentence for the
    /// combined indicator's rule (e.g. "a care arrangement in effect on a day of the month"); nil
    /// (the default) when the plugin reports no support.
    var supportRule: String? { get }

    /// Children the plugin gave support to, one entry per child and month of the query's period in
    /// which the child had it; none by default.
    func supportedChildren(for query: IndicatorQuery, in db: Database) throws -> [SupportedChild]
}

extension IndicatorProvider {
    /// No support reported.
    public var supportRule: String? { nil }

    /// No children supported.
    public func supportedChildren(for query: IndicatorQuery, in db: Database) throws -> [SupportedChild] { [] }
}
