import GRDB
import KioskDomain
import KioskPluginKit

/// The plugin's indicators for the programme's reports, counted from `civil_registration_case`
/// (`docs/INDICATORS.md`). Registration is counted on its own, not in the core's "supported
/// children" (no ``supportRule``).
struct CivilRegistrationIndicators: IndicatorProvider {
    static let completed = ReportIndicator(
        id: "civil_registration.registrations-completed",
        title: LocalizedText(zh: "完成户口登记儿童数", en: "Children registered (hukou)"),
        rule: "Distinct children whose case ended registered by the police with an outcome date in the period (in the month, by month).",
        unit: .children
    )
    static let waiting = ReportIndicator(
        id: "civil_registration.waiting-on-police",
        title: LocalizedText(zh: "等待派出所办理儿童数", en: "Children waiting on the police"),
        rule: """
            Distinct children with a case handed over to the police on or before the as-of day (the period's last day; \
            each month's last day by month) and no outcome recorded by that day.
            """,
        unit: .children
    )

    var indicators: [ReportIndicator] { [Self.completed, Self.waiting] }

    func values(of indicator: ReportIndicator, for query: IndicatorQuery, in db: Database) throws -> [IndicatorValue] {
        switch indicator.id {
        case Self.completed.id:
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(query.area(ofVillageColumn: "village")) AS area, \(query.month(ofDateColumn: "outcome_date")) AS month,
                        COUNT(DISTINCT child_id) AS value
                    FROM civil_registration_case
                    WHERE village BETWEEN ? AND ? AND state = 'registered' AND outcome_date BETWEEN ? AND ?
                    GROUP BY 1, 2
                    """,
                arguments: [query.villages.lowest, query.villages.highest, query.from.isoString, query.through.isoString]
            ).map(IndicatorValue.init(row:))
        case Self.waiting.id:
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(query.area(ofVillageColumn: "c.village")) AS area, d.month AS month, COUNT(DISTINCT c.child_id) AS value
                    FROM (\(query.asOfDaysTable)) d
                    JOIN civil_registration_case c ON c.date_sent <= d.day AND (c.outcome_date IS NULL OR c.outcome_date > d.day)
                    WHERE c.village BETWEEN ? AND ?
                    GROUP BY 1, 2
                    """,
                arguments: [query.villages.lowest, query.villages.highest]
            ).map(IndicatorValue.init(row:))
        default: []
        }
    }
}
