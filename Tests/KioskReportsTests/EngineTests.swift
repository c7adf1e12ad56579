import GRDB
import KioskDomain
import KioskHost
import KioskPluginKit
import KioskProtos
import KioskRecords
import KioskTesting
import Testing

/// A plugin's provider that reports fixed support, or reads a table it may not.
struct FakeProvider: IndicatorProvider {
    var id: String
    var support: [SupportedChild] = []
    var readsCore = false

    var indicators: [ReportIndicator] {
        [ReportIndicator(id: "\(self.id).things", title: LocalizedText(zh: "东西", en: "Things"), rule: "Things counted for the test.", unit: .events)]
    }

    var supportRule: String? { self.support.isEmpty ? nil : "whatever the test says" }

    func values(of indicator: ReportIndicator, for query: IndicatorQuery, in db: Database) throws -> [IndicatorValue] {
        if self.readsCore { _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM core_child") }
        return [IndicatorValue(area: String(query.villages.lowest.prefix(query.areaDigits)), month: query.byMonth ? query.fromMonth : "", value: 7)]
    }

    func supportedChildren(for query: IndicatorQuery, in db: Database) throws -> [SupportedChild] { self.support }
}

/// The engine itself: the combined indicator counts a child once, providers stay in their tables.
@Suite struct EngineTests {
    static func report(_ county: TestCounty, _ plugins: [IndicatorEngine.Plugin]) async throws -> IndicatorReport {
        let engine = IndicatorEngine(installedPlugins: [], plugins: plugins, smallCountThreshold: 5)
        let request = IndicatorRequest(division: try .init("530102"), period: try IndicatorPeriod(from: "2026-01", through: "2026-03"), breakdown: [.areas, .months])
        return try await engine.report(request, in: county.host.host.database)
    }

    @Test func supportedChildrenWithoutFamilyCareAreCountedOnceAcrossPlugins() async throws {
        try await TestCounty.with(plugins: []) { county in
            let x = try await county.registerChild("王小莲", village: TestCounty.villageA1, categories: [.leftBehindBothParents]).childID
            let y = try await county.registerChild("李晓华", village: TestCounty.villageA2, categories: [.orphan]).childID
            let z = try await county.registerChild("张伟", village: TestCounty.villageB1, categories: [.outOfSchool]).childID
            let alpha = FakeProvider(id: "alpha", support: [
                SupportedChild(childID: x, village: TestCounty.villageA1, month: "2026-01"), SupportedChild(childID: x, village: TestCounty.villageA1, month: "2026-02"),
                SupportedChild(childID: z, village: TestCounty.villageB1, month: "2026-01"),
            ])
            let beta = FakeProvider(id: "beta", support: [
                SupportedChild(childID: x, village: TestCounty.villageA1, month: "2026-02"), SupportedChild(childID: y, village: TestCounty.villageB1, month: "2026-03"),
            ])
            let report = try await Self.report(county, [
                .init(id: "alpha", displayName: "Alpha", provider: alpha), .init(id: "beta", displayName: "Beta", provider: beta),
                .init(id: "gamma", displayName: "Gamma", provider: FakeProvider(id: "gamma")),
            ])
            let cells = report.lookup
            let id = SupportedChildren.id
            #expect(cells[id, area: "530102"]?.value == 2)
            #expect(cells[id, area: "530102", group: "alpha"]?.value == 1)
            #expect(cells[id, area: "530102", group: "beta"]?.value == 2)
            #expect(cells[id, area: "530102", month: "2026-02"]?.value == 1)
            #expect(cells[id, area: "530102", month: "2026-03"]?.value == 1)
            // Y is placed by the registry's village (A2, township A), not the village the plugin gave.
            #expect(cells[id, area: TestCounty.townshipA]?.value == 2)
            #expect(cells[id, area: TestCounty.townshipB]?.value == 0)
            let definition = try #require(report.indicators.first { $0.id == id })
            #expect(definition.groups.map(\.key) == ["alpha", "beta"])
            #expect(definition.rule.contains("alpha: whatever the test says"))
            #expect(cells["gamma.things", area: "530102", month: "2026-01"]?.value == 7)
        }
    }

    @Test func aProviderReadingCoreTablesFailsTheReportNamingIt() async throws {
        try await TestCounty.with(plugins: []) { county in
            let sneaky = IndicatorEngine.Plugin(id: "sneaky", displayName: "Sneaky", provider: FakeProvider(id: "sneaky", readsCore: true))
            do {
                _ = try await Self.report(county, [sneaky])
                Issue.record("the report was computed")
            } catch let error as IndicatorEngineError {
                #expect(error.indicatorID == "sneaky.things")
                #expect(error.provider == "sneaky")
                #expect(error.cause.contains("reads table core_child"))
            }
        }
    }
}
