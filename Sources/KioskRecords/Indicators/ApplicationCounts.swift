import GRDB
import KioskDomain
import KioskPluginKit

/// The SQL of the workflow's indicators (``CoreIndicators``), over `core_application` and its
/// events. Applications are placed by the village recorded on them at submission.
enum ApplicationCounts {
    /// `core.applications.<kind>`: applications submitted in the period, by state at its end.
    static func applications(of kind: String, _ query: IndicatorQuery, in db: Database) throws -> [IndicatorValue] {
        let end = ChinaTime.end(of: query.through)
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT \(query.area(ofVillageColumn: "a.village")) AS area, \(query.month(ofDateColumn: ChinaTime.day(of: "a.submitted_at"))) AS month,
                    COALESCE((SELECT e.to_state FROM core_application_event e WHERE e.application_id = a.application_id AND e.at < ?5
                        ORDER BY e.cursor DESC LIMIT 1), a.state) AS grp,
                    COUNT(*) AS value
                FROM core_application a
                WHERE a.kind = ?1 AND a.village BETWEEN ?2 AND ?3 AND a.submitted_at >= ?4 AND a.submitted_at < ?5
                GROUP BY 1, 2, 3
                """,
            arguments: [kind, query.villages.lowest, query.villages.highest, ChinaTime.end(of: query.from.adding(days: -1)), end]
        ).map(IndicatorValue.init(row:))
        return rows + self.totals(of: rows)
    }

    /// `core.decision-days`: one value per application first decided in the period, its days.
    static func decisionDays(_ query: IndicatorQuery, in db: Database) throws -> [IndicatorValue] {
        let decided = ChinaTime.day(of: "e.at")
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT \(query.area(ofVillageColumn: "a.village")) AS area, \(query.month(ofDateColumn: decided)) AS month, a.kind AS grp,
                    CAST(julianday(\(decided)) - julianday(\(ChinaTime.day(of: "a.submitted_at"))) AS INTEGER) AS value
                FROM (SELECT application_id, MIN(cursor) AS first FROM core_application_event
                      WHERE action IN ('approve', 'reject') GROUP BY application_id) d
                JOIN core_application_event e ON e.cursor = d.first
                JOIN core_application a ON a.application_id = d.application_id
                WHERE a.village BETWEEN ?1 AND ?2 AND e.at >= ?3 AND e.at < ?4
                """,
            arguments: [
                query.villages.lowest, query.villages.highest, ChinaTime.end(of: query.from.adding(days: -1)),
                ChinaTime.end(of: query.through),
            ]
        ).map(IndicatorValue.init(row:))
        return rows + rows.map { IndicatorValue(area: $0.area, month: $0.month, group: "", value: $0.value) }
    }

    /// The total of each area and month over exclusive groups.
    private static func totals(of values: [IndicatorValue]) -> [IndicatorValue] {
        var sums: [[String]: Double] = [:]
        for value in values { sums[[value.area, value.month], default: 0] += value.value }
        return sums.map { IndicatorValue(area: $0.key[0], month: $0.key[1], group: "", value: $0.value) }
    }
}
