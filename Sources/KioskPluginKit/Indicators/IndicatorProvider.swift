public import GRDB

/// A plugin's contribution to the programme's reports: its indicators, counted in SQL.
///
/// The host calls the provider on a reader connection, confined to the plugin's own tables, so a
/// plugin keeps in its rows what it counts by (the child's village, the dates). Counts group by the
/// query's area and month expressions:
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
///             GROUP BY area, month
///             """, arguments: [query.villages.lowest, query.villages.highest, query.from.isoString, query.through.isoString]
///         ).map { IndicatorValue(area: $0["area"], month: $0["month"], value: $0["value"]) }
///     }
/// }
/// ```
public protocol IndicatorProvider: Sendable {
    /// The indicators the provider counts, with ids `<plugin id>.<name>`.
    var indicators: [ReportIndicator] { get }

    /// Counts `indicator` for the query's villages and period, grouped by area (and month).
    func values(of indicator: ReportIndicator, for query: IndicatorQuery, in db: Database) throws -> [IndicatorValue]

    /// Children the plugin gave support to in the query's period (nutrition support, a care
    /// arrangement, a placement…), for the core's combined indicator; none by default.
    func supportedChildren(for query: IndicatorQuery, in db: Database) throws -> [SupportedChild]
}

extension IndicatorProvider {
    /// No children supported.
    public func supportedChildren(for query: IndicatorQuery, in db: Database) throws -> [SupportedChild] { [] }
}
