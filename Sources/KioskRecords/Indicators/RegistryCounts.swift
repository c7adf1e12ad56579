import KioskDomain
import GRDB
import KioskPluginKit

/// The SQL of the registry's indicators that need no visits (``CoreIndicators``; visits are
/// counted by ``VisitPass``), driven by the village index of `core_child`.
enum RegistryCounts {
    /// `core.children-registered`: records created by each as-of day.
    static func registered(_ query: IndicatorQuery, in db: Database) throws -> [IndicatorValue] {
        let created = ChinaTime.day(of: "created_at")
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT \(query.area(ofVillageColumn: "village")) AS area, '' AS grp, \(AsOfIntervals.bucket(created, query)) AS a,
                    NULL AS b, COUNT(*) AS n
                FROM core_child WHERE village BETWEEN ? AND ? AND created_at < ?
                GROUP BY 1, 3
                """,
            arguments: [query.villages.lowest, query.villages.highest, ChinaTime.end(of: query.through)]
        )
        return AsOfIntervals.values(rows, query)
    }

    /// `core.children-by-category`: registered children by their categories, and with any category.
    static func byCategory(_ query: IndicatorQuery, in db: Database) throws -> [IndicatorValue] {
        let created = AsOfIntervals.bucket(ChinaTime.day(of: "c.created_at"), query)
        let area = query.area(ofVillageColumn: "c.village")
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT \(area) AS area, k.kind AS grp, \(created) AS a, NULL AS b, COUNT(*) AS n
                FROM core_child c JOIN core_child_category k ON k.child_id = c.child_id
                WHERE c.village BETWEEN ?1 AND ?2 AND c.created_at < ?3
                GROUP BY 1, 2, 3
                UNION ALL
                SELECT \(area) AS area, '' AS grp, \(created) AS a, NULL AS b, COUNT(*) AS n
                FROM core_child c
                WHERE c.village BETWEEN ?1 AND ?2 AND c.created_at < ?3
                    AND EXISTS (SELECT 1 FROM core_child_category k WHERE k.child_id = c.child_id)
                GROUP BY 1, 3
                """,
            arguments: [query.villages.lowest, query.villages.highest, ChinaTime.end(of: query.through)]
        )
        return AsOfIntervals.values(rows, query)
    }
}
