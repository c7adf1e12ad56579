import GRDB
import KioskDomain
import KioskPluginKit

/// The plugin's indicators for the programme's reports, counted from `nutrition_measurement` and
/// `nutrition_support` (`docs/INDICATORS.md`).
struct NutritionIndicators: IndicatorProvider {
    static let measured = ReportIndicator(
        id: "nutrition.children-measured",
        title: LocalizedText(zh: "生长监测儿童数", en: "Children measured"),
        rule: "Distinct children with at least one growth measurement dated in the period (in the month, by month).",
        unit: .children
    )
    static let severe = ReportIndicator(
        id: "nutrition.children-sam",
        title: LocalizedText(zh: "发现重度急性营养不良儿童数", en: "Children found with severe acute malnutrition"),
        rule: """
            Distinct children with a measurement dated in the period classified severe acute malnutrition (WHZ below -3, \
            MUAC below 115 mm at 6 to 59 months, or bilateral oedema; plausible z-scores only).
            """,
        unit: .children
    )
    static let referred = ReportIndicator(
        id: "nutrition.children-sam-referred",
        title: LocalizedText(zh: "重度急性营养不良转介儿童数", en: "Children referred for severe acute malnutrition"),
        rule: "Distinct children with a measurement dated in the period that raised an urgent referral on the work list (severe acute malnutrition).",
        unit: .children
    )
    static let moderate = ReportIndicator(
        id: "nutrition.children-mam",
        title: LocalizedText(zh: "发现中度急性营养不良儿童数", en: "Children found with moderate acute malnutrition"),
        rule: """
            Distinct children with a measurement dated in the period showing moderate acute malnutrition and not severe: \
            WHZ from -3 to below -2 (moderate wasting), or MUAC from 115 to below 125 mm at 6 to 59 months (183 to 1826 days). \
            The plugin raises no referral for it.
            """,
        unit: .children
    )
    static let supported = ReportIndicator(
        id: "nutrition.children-supported",
        title: LocalizedText(zh: "获得营养支持儿童数", en: "Children who received nutrition support"),
        rule: "Distinct children with a nutrition support application approved by the county on a day in the period, by kind of support.",
        unit: .children,
        groups: SupportKind.allCases.map { IndicatorGroup($0.rawValue, title: $0.title) }
    )

    var indicators: [ReportIndicator] { [Self.measured, Self.severe, Self.referred, Self.moderate, Self.supported] }

    var supportRule: String? { "nutrition support (micronutrient sachets, supplementary food) approved by the county in the month" }

    func values(of indicator: ReportIndicator, for query: IndicatorQuery, in db: Database) throws -> [IndicatorValue] {
        switch indicator.id {
        case Self.measured.id: try self.measuredChildren(where: "1", query, db)
        case Self.severe.id: try self.measuredChildren(where: "instr(classifications, 'severe-acute-malnutrition') > 0", query, db)
        case Self.referred.id: try self.measuredChildren(where: "referral_item_id IS NOT NULL", query, db)
        case Self.moderate.id:
            try self.measuredChildren(
                where: """
                    (instr(classifications, 'wasting-moderate') > 0 OR (muac_mm >= 115 AND muac_mm < 125 AND age_days BETWEEN 183 AND 1826))
                    AND instr(classifications, 'severe-acute-malnutrition') = 0
                    """,
                query, db
            )
        case Self.supported.id: try self.supportedChildren(query, db)
        default: []
        }
    }

    func supportedChildren(for query: IndicatorQuery, in db: Database) throws -> [SupportedChild] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT DISTINCT child_id, village, substr(approved_on, 1, 7) AS month FROM nutrition_support
                WHERE village BETWEEN ? AND ? AND approved_on BETWEEN ? AND ?
                """,
            arguments: [query.villages.lowest, query.villages.highest, query.from.isoString, query.through.isoString]
        ).map { SupportedChild(childID: $0["child_id"], village: $0["village"], month: $0["month"]) }
    }

    /// Distinct children with a measurement in the period matching `condition` (SQL on the row).
    private func measuredChildren(where condition: String, _ query: IndicatorQuery, _ db: Database) throws -> [IndicatorValue] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT \(query.area(ofVillageColumn: "village")) AS area, \(query.month(ofDateColumn: "measured_on")) AS month,
                    COUNT(DISTINCT child_id) AS value
                FROM nutrition_measurement
                WHERE village BETWEEN ? AND ? AND measured_on BETWEEN ? AND ? AND (\(condition))
                GROUP BY 1, 2
                """,
            arguments: [query.villages.lowest, query.villages.highest, query.from.isoString, query.through.isoString]
        ).map(IndicatorValue.init(row:))
    }

    private func supportedChildren(_ query: IndicatorQuery, _ db: Database) throws -> [IndicatorValue] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT \(query.area(ofVillageColumn: "village")) AS area, \(query.month(ofDateColumn: "approved_on")) AS month,
                    kind AS grp, COUNT(DISTINCT child_id) AS value
                FROM nutrition_support WHERE village BETWEEN ?1 AND ?2 AND approved_on BETWEEN ?3 AND ?4
                GROUP BY 1, 2, 3
                UNION ALL
                SELECT \(query.area(ofVillageColumn: "village")) AS area, \(query.month(ofDateColumn: "approved_on")) AS month,
                    '' AS grp, COUNT(DISTINCT child_id) AS value
                FROM nutrition_support WHERE village BETWEEN ?1 AND ?2 AND approved_on BETWEEN ?3 AND ?4
                GROUP BY 1, 2
                """,
            arguments: [query.villages.lowest, query.villages.highest, query.from.isoString, query.through.isoString]
        ).map(IndicatorValue.init(row:))
    }
}
