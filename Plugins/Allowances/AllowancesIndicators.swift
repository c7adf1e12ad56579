import GRDB
import KioskDomain
import KioskPluginKit

/// The plugin's indicators for the programme's reports, counted from `allowances_payment` by the
/// month each payment is for (`docs/INDICATORS.md`). Allowances are social assistance, counted here
/// on their own; they are not in the core's "supported children" (no ``supportRule``).
struct AllowancesIndicators: IndicatorProvider {
    static let recipients = ReportIndicator(
        id: "allowances.recipients",
        title: LocalizedText(zh: "领取补贴儿童数", en: "Children receiving an allowance"),
        rule: """
            Distinct children with a payment for a month in the period (for the month, by month), by allowance type; \
            a child paid two allowances counts in both types and once in the total. Payments are counted by the month \
            they are for, whenever the run that paid them was made.
            """,
        unit: .children,
        groups: AllowanceKind.allCases.map { IndicatorGroup($0.rawValue, title: $0.localizedTitle) }
    )
    static let amount = ReportIndicator(
        id: "allowances.amount-paid",
        title: LocalizedText(zh: "补贴发放金额（元）", en: "Allowances paid (yuan)"),
        rule: """
            The sum of the payments for the months in the period (for the month, by month), in yuan, by allowance type. \
            Not shown for villages: a village's sum could tell how many children were paid where the count is hidden.
            """,
        unit: .yuan,
        levels: [.township, .county],
        groups: AllowanceKind.allCases.map { IndicatorGroup($0.rawValue, title: $0.localizedTitle) }
    )

    var indicators: [ReportIndicator] { [Self.recipients, Self.amount] }

    func values(of indicator: ReportIndicator, for query: IndicatorQuery, in db: Database) throws -> [IndicatorValue] {
        switch indicator.id {
        case Self.recipients.id: try self.payments("COUNT(DISTINCT child_id)", query, db)
        case Self.amount.id: try self.payments("SUM(amount_fen) / 100.0", query, db)
        default: []
        }
    }

    /// `measure` over the payments for months of the period, by type and in total. The county
    /// column narrows the scan to the county index before the village range.
    private func payments(_ measure: String, _ query: IndicatorQuery, _ db: Database) throws -> [IndicatorValue] {
        let area = query.area(ofVillageColumn: "village")
        let month = query.month(ofMonthColumn: "month")
        let filter = "county BETWEEN substr(?1, 1, 6) AND substr(?2, 1, 6) AND month BETWEEN ?3 AND ?4 AND village BETWEEN ?1 AND ?2"
        return try Row.fetchAll(
            db,
            sql: """
                SELECT \(area) AS area, \(month) AS month, allowance_type AS grp, \(measure) AS value
                FROM allowances_payment WHERE \(filter) GROUP BY 1, 2, 3
                UNION ALL
                SELECT \(area) AS area, \(month) AS month, '' AS grp, \(measure) AS value
                FROM allowances_payment WHERE \(filter) GROUP BY 1, 2
                """,
            arguments: [query.villages.lowest, query.villages.highest, query.fromMonth, query.throughMonth]
        ).map(IndicatorValue.init(row:))
    }
}
