import Foundation
import KioskPluginKit
import KioskRecords
import KioskReports
import Testing

/// CSV and HTML from a small hand-made report.
@Suite struct RenderTests {
    static let report: IndicatorReport = {
        let definitions = [
            IndicatorDefinition(
                ReportIndicator(
                    id: "core.children-registered", title: LocalizedText(zh: "登记儿童数", en: "Children registered"),
                    rule: "Children, \"registered\"; <all>", unit: .children
                ),
                provider: "core"
            ),
            IndicatorDefinition(
                ReportIndicator(
                    id: "allowances.amount-paid", title: LocalizedText(zh: "补贴发放金额（元）", en: "Allowances paid"), rule: "Sum.", unit: .yuan,
                    groups: [IndicatorGroup("orphan-basic-living", title: LocalizedText(zh: "孤儿基本生活费", en: "Orphans"))]
                ),
                provider: "allowances"
            ),
        ]
        var cells: [IndicatorCell] = []
        for (area, registered, paid) in [("530102001", 1234.0, 2800.5), ("530102001001", 3, 0), ("530102001002", 1231, 2800.5)] {
            let hidden = area == "530102001001"
            cells.append(IndicatorCell(indicator: "core.children-registered", area: area, month: "", group: "", value: hidden ? nil : registered, suppressed: hidden ? true : nil))
            cells.append(IndicatorCell(indicator: "allowances.amount-paid", area: area, month: "", group: "", value: paid))
            cells.append(IndicatorCell(indicator: "allowances.amount-paid", area: area, month: "", group: "orphan-basic-living", value: paid))
        }
        for (month, value) in [("2026-01", 1200.0), ("2026-02", 1234)] {
            cells.append(IndicatorCell(indicator: "core.children-registered", area: "530102001", month: month, group: "", value: value))
        }
        return IndicatorReport(
            format: IndicatorReport.currentFormat, definitionsVersion: IndicatorCatalog.version(of: definitions), jurisdictions: ["530102001"],
            from: "2026-01", through: "2026-02", areaLevel: "village", smallCountThreshold: 5, indicators: definitions,
            areas: ["530102001001", "530102001002"], cells: cells
        )
    }()

    @Test func csvHasOneLinePerCellQuotedWhereNeeded() {
        let lines = ReportCSV.render(Self.report).components(separatedBy: "\r\n")
        #expect(lines[0] == "indicator_id,title_zh,title_en,unit,area,month,group,value,note")
        #expect(lines.contains("core.children-registered,登记儿童数,Children registered,children,530102001,,,1234,"))
        #expect(lines.contains("core.children-registered,登记儿童数,Children registered,children,530102001001,,,,fewer than 5"))
        #expect(lines.contains("allowances.amount-paid,补贴发放金额（元）,Allowances paid,yuan,530102001,,orphan-basic-living,2800.50,"))
        #expect(lines.count == Self.report.cells.count + 2)
    }

    @Test func htmlIsSelfContainedAndShowsTheNumbers() {
        let html = ReportHTML.render(Self.report, generatedAt: "2026-12-01T00:00:00Z")
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        for forbidden in ["<script", "http://", "https://", "<link", "@import", "url("] {
            #expect(!html.contains(forbidden), "\(forbidden)")
        }
        #expect(html.contains("data-indicator=\"core.children-registered\" data-area=\"530102001\">1,234</td>"))
        #expect(html.contains("data-indicator=\"core.children-registered\" data-area=\"530102001001\">&lt;5</td>"))
        #expect(html.contains("data-group=\"orphan-basic-living\">2,800.50</td>"))
        #expect(html.contains("Children, &quot;registered&quot;; &lt;all&gt;"))
        // One trend chart: only the registered children have monthly values.
        #expect(html.components(separatedBy: "<svg").count == 2)
        #expect(html.contains("<title>2026-02: 1,234</title>"))
    }

    @Test func numbersAreGroupedForPeopleAndPlainForSpreadsheets() {
        #expect(ReportNumbers.grouped(1_234_567, unit: "children") == "1,234,567")
        #expect(ReportNumbers.grouped(999, unit: "children") == "999")
        #expect(ReportNumbers.grouped(2_360_900, unit: "yuan") == "2,360,900.00")
        #expect(ReportNumbers.grouped(12.5, unit: "days") == "12.5")
        #expect(ReportNumbers.plain(130_000, unit: "children") == "130000")
    }
}
