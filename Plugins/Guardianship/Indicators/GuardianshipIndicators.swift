import GRDB
import KioskPluginKit

/// The plugin's indicators for the programme's reports, counted from `guardianship_arrangement` and
/// `guardianship_review` on each as-of day (`docs/INDICATORS.md`).
struct GuardianshipIndicators: IndicatorProvider {
    static let active = ReportIndicator(
        id: "guardianship.arrangements-active",
        title: LocalizedText(zh: "生效中的照护安排", en: "Care arrangements in effect"),
        rule: """
            Care arrangements in effect on the as-of day (the period's last day; each month's last day by month): started on \
            or before it and not ended on or before it, suspended ones included, by type. A child has at most one in effect.
            """,
        unit: .children,
        groups: ArrangementType.allCases.map { IndicatorGroup($0.rawValue, title: $0.title) }
    )
    static let overdue = ReportIndicator(
        id: "guardianship.reviews-overdue",
        title: LocalizedText(zh: "照护安排回访逾期数", en: "Arrangement reviews overdue"),
        rule: """
            Care arrangements in effect and not suspended on the as-of day whose review was due before that day: the last \
            review on or before the day (or the start, if none) plus the arrangement's review interval in months (its \
            current interval; a suspension lifted since is not known to the count).
            """,
        unit: .children
    )

    var indicators: [ReportIndicator] { [Self.active, Self.overdue] }

    var supportRule: String? { "a care arrangement (any type) in effect on a day of the month" }

    func values(of indicator: ReportIndicator, for query: IndicatorQuery, in db: Database) throws -> [IndicatorValue] {
        switch indicator.id {
        case Self.active.id: try self.active(query, db)
        case Self.overdue.id: try self.overdue(query, db)
        default: []
        }
    }

    func supportedChildren(for query: IndicatorQuery, in db: Database) throws -> [SupportedChild] {
        var monthly = query
        monthly.byMonth = true
        return try Row.fetchAll(
            db,
            sql: """
                SELECT DISTINCT a.child_id, a.village, d.month FROM (\(monthly.asOfDaysTable)) d
                JOIN guardianship_arrangement a ON a.started_on <= d.day AND (a.ended_on IS NULL OR a.ended_on > d.month || '-01')
                WHERE a.village BETWEEN ? AND ? AND (a.ended_on IS NULL OR a.ended_on > a.started_on)
                """,
            arguments: [query.villages.lowest, query.villages.highest]
        ).map { SupportedChild(childID: $0["child_id"], village: $0["village"], month: $0["month"]) }
    }

    private func active(_ query: IndicatorQuery, _ db: Database) throws -> [IndicatorValue] {
        let values = try Row.fetchAll(
            db,
            sql: """
                SELECT \(query.area(ofVillageColumn: "a.village")) AS area, d.month AS month, a.type AS grp, COUNT(*) AS value
                FROM (\(query.asOfDaysTable)) d
                JOIN guardianship_arrangement a ON a.started_on <= d.day AND (a.ended_on IS NULL OR a.ended_on > d.day)
                WHERE a.village BETWEEN ? AND ?
                GROUP BY 1, 2, 3
                """,
            arguments: [query.villages.lowest, query.villages.highest]
        ).map(IndicatorValue.init(row:))
        var totals: [[String]: Double] = [:]
        for value in values { totals[[value.area, value.month], default: 0] += value.value }
        return values + totals.map { IndicatorValue(area: $0.key[0], month: $0.key[1], value: $0.value) }
    }

    private func overdue(_ query: IndicatorQuery, _ db: Database) throws -> [IndicatorValue] {
        // The due date is the anchor plus the interval, clamped to the month's end as CalendarDate.adding(months:) does.
        let due = """
            min(date(anchor, 'start of month', '+' || months || ' months', '+' || (CAST(strftime('%d', anchor) AS INTEGER) - 1) || ' days'),
                date(anchor, 'start of month', '+' || (months + 1) || ' months', '-1 day'))
            """
        return try Row.fetchAll(
            db,
            sql: """
                SELECT area, month, COUNT(*) AS value FROM (
                    SELECT \(query.area(ofVillageColumn: "a.village")) AS area, d.month AS month, d.day AS day,
                        a.review_interval_months AS months,
                        COALESCE((SELECT MAX(r.reviewed_on) FROM guardianship_review r
                                  WHERE r.arrangement_id = a.arrangement_id AND r.reviewed_on <= d.day), a.started_on) AS anchor
                    FROM (\(query.asOfDaysTable)) d
                    JOIN guardianship_arrangement a ON a.started_on <= d.day AND (a.ended_on IS NULL OR a.ended_on > d.day)
                        AND (a.suspended_on IS NULL OR a.suspended_on > d.day)
                    WHERE a.village BETWEEN ? AND ?)
                WHERE \(due) < day
                GROUP BY 1, 2
                """,
            arguments: [query.villages.lowest, query.villages.highest]
        ).map(IndicatorValue.init(row:))
    }
}
