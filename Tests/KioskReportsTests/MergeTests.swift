import KioskDomain
import KioskPluginKit
import KioskRecords
import Testing

/// Merging county reports into a province's: sums, medians of all events, and every refusal.
@Suite struct MergeTests {
    static let definitions = [
        IndicatorDefinition(
            ReportIndicator(id: "core.children-registered", title: LocalizedText(zh: "登记儿童数", en: "Children registered"), rule: "r", unit: .children),
            provider: "core"
        ),
        IndicatorDefinition(
            ReportIndicator(id: "core.decision-days", title: LocalizedText(zh: "天数", en: "Days"), rule: "d", unit: .days, levels: [.township, .county]),
            provider: "core"
        ),
    ]

    /// A county report with `children` registered (and in 2026-01) and decisions taking `days`.
    static func county(_ code: String, children: Double, days: [Int: Int], from: String = "2026-01", through: String = "2026-02") -> IndicatorReport {
        var distribution: [String: Int] = [:]
        for (key, value) in days { distribution[String(key)] = value }
        return IndicatorReport(
            format: IndicatorReport.currentFormat, definitionsVersion: IndicatorCatalog.version(of: Self.definitions), jurisdictions: [code],
            from: from, through: through, areaLevel: "township", smallCountThreshold: 5, indicators: Self.definitions, areas: [code + "001"],
            cells: [
                IndicatorCell(indicator: "core.children-registered", area: code, month: "", group: "", value: children),
                IndicatorCell(indicator: "core.children-registered", area: code, month: "2026-01", group: "", value: children - 1),
                IndicatorCell(indicator: "core.children-registered", area: code + "001", month: "", group: "", value: children),
                IndicatorCell(indicator: "core.decision-days", area: code, month: "", group: "", value: Median.of(days), days: distribution),
            ]
        )
    }

    @Test func countsAreAddedAndMediansTakenOverAllEvents() throws {
        let merged = try IndicatorReport.merge([
            ("a.json", Self.county("530102", children: 100, days: [10: 3])),
            ("b.json", Self.county("530521", children: 50, days: [20: 1, 30: 1])),
        ])
        let cells = merged.lookup
        #expect(merged.jurisdictions == ["530102", "530521"])
        #expect(merged.totalArea == "all")
        #expect(merged.areas == ["530102", "530521"])
        #expect(cells["core.children-registered", area: "all"]?.value == 150)
        #expect(cells["core.children-registered", area: "all", month: "2026-01"]?.value == 148)
        #expect(cells["core.children-registered", area: "530521"]?.value == 50)
        #expect(cells["core.children-registered", area: "530102001"] == nil)
        // Events 10, 10, 10, 20, 30: the median is 10 (the medians 10 and 25 would give 17.5).
        #expect(cells["core.decision-days", area: "all"]?.value == 10)
        #expect(cells["core.decision-days", area: "all"]?.days == ["10": 3, "20": 1, "30": 1])
    }

    @Test func aMergedReportMergesAgain() throws {
        let yunnan = try IndicatorReport.merge([
            ("a", Self.county("530102", children: 100, days: [10: 1])), ("b", Self.county("530521", children: 50, days: [12: 1])),
        ])
        let programme = try IndicatorReport.merge([("yunnan", yunnan), ("c", Self.county("450102", children: 7, days: [:]))])
        #expect(programme.jurisdictions == ["450102", "530102", "530521"])
        #expect(programme.lookup["core.children-registered", area: "all"]?.value == 157)
        #expect(programme.lookup["core.decision-days", area: "all"]?.value == 11)
    }

    @Test(arguments: [
        ("530102", "530102", "overlaps 530102 of a"),
        ("530102", "530102001", "overlaps 530102 of a"),
    ])
    func overlappingJurisdictionsAreRefused(_ first: String, _ second: String, _ message: String) {
        #expect(throws: IndicatorRequestError.self) {
            try IndicatorReport.merge([("a", Self.county(first, children: 1, days: [:])), ("b", Self.county(second, children: 1, days: [:]))])
        }
        do {
            _ = try IndicatorReport.merge([("a", Self.county(first, children: 1, days: [:])), ("b", Self.county(second, children: 1, days: [:]))])
        } catch {
            #expect(error.message.contains(message))
        }
    }

    @Test func differentPeriodsVersionsEditsAndVillagesAreRefused() {
        let a = Self.county("530102", children: 1, days: [:])
        var otherPeriod = Self.county("530521", children: 1, days: [:], through: "2026-03")
        #expect(Self.refusal(a, otherPeriod).contains("covers 2026-01…2026-03"))
        otherPeriod = Self.county("530521", children: 1, days: [:])
        var edited = otherPeriod
        edited.indicators[0].rule = "a different rule"
        #expect(Self.refusal(a, edited).contains("do not match its definitions version"))
        var otherVersion = edited
        otherVersion.definitionsVersion = IndicatorCatalog.version(of: edited.indicators)
        #expect(Self.refusal(a, otherVersion).contains("has definitions version"))
        let village = Self.county("530521001001", children: 1, days: [:])
        #expect(Self.refusal(a, village).contains("village 530521001001"))
        var fewer = otherPeriod
        fewer.cells.removeAll { $0.month == "2026-01" }
        #expect(Self.refusal(a, fewer).contains("other breakdowns"))
    }

    static func refusal(_ a: IndicatorReport, _ b: IndicatorReport) -> String {
        do {
            _ = try IndicatorReport.merge([("a.json", a), ("b.json", b)])
            return "merged"
        } catch {
            return error.message
        }
    }

    @Test func theVersionChangesWithAnyFieldOfADefinition() {
        var changed = Self.definitions
        let base = IndicatorCatalog.version(of: changed)
        changed[1].levels = ["county"]
        #expect(IndicatorCatalog.version(of: changed) != base)
        #expect(IndicatorCatalog.version(of: Self.definitions) == base)
        #expect(IndicatorCatalog.version(of: Array(Self.definitions.reversed())) != base)
    }
}
