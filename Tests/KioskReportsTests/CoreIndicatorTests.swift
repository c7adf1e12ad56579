import GRPCCore
import KioskProtos
import KioskTesting
import Testing

/// The registry's indicators counted over the wire on a small county whose records have known dates.
@Suite struct CoreIndicatorTests {
    /// X (A1, left behind) and Y (A2, orphan) and Z (B1) registered on 2026-01-10, W (A1) on 2026-03-05;
    /// X visited 2026-01-15 (follow-up 2026-02-15) and 2026-03-01 (follow-up 2026-06-01), Y 2026-02-20
    /// (follow-up 2026-05-20); Z and W never.
    static func county(_ body: @escaping @Sendable (TestCounty) async throws -> Void, settings: [String: String] = [:]) async throws {
        try await TestCounty.with(plugins: [], today: "2026-01-10", settings: settings) { county in
            let x = try await county.registerChild("王小莲", village: TestCounty.villageA1, categories: [.leftBehindBothParents])
            let y = try await county.registerChild("李晓华", village: TestCounty.villageA2, categories: [.orphan])
            _ = try await county.registerChild("张伟", village: TestCounty.villageB1)
            try county.clock.set(today: "2026-03-05")
            _ = try await county.registerChild("刘洋", village: TestCounty.villageA1)
            try county.clock.set(today: "2026-04-02")
            try await visit(county, x.childID, on: "2026-01-15", followUp: "2026-02-15")
            try await visit(county, x.childID, on: "2026-03-01", followUp: "2026-06-01")
            try await visit(county, y.childID, on: "2026-02-20", followUp: "2026-05-20", as: .directorA2)
            try await body(county)
        }
    }

    static func visit(_ county: TestCounty, _ childID: String, on date: String, followUp: String, as who: TestCounty.Who = .directorA1) async throws {
        try await county.as(who) { client in
            var request = Kiosk_Core_V1_RecordVisitRequest()
            request.childID = childID
            request.visitDate = date
            request.riskLevel = .medium
            request.followUpDate = followUp
            _ = try await Kiosk_Core_V1_Children.Client(wrapping: client).recordVisit(request)
        }
    }

    @Test func registeredAsOfEachMonthEndByTownship() async throws {
        try await Self.county { county in
            let report = try await county.indicators(from: "2026-01", through: "2026-03")
            let id = "core.children-registered"
            #expect(report.value(id) == 4)
            #expect(report.value(id, month: "2026-01") == 3)
            #expect(report.value(id, month: "2026-02") == 3)
            #expect(report.value(id, month: "2026-03") == 4)
            #expect(report.value(id, area: TestCounty.townshipA) == 3)
            #expect(report.value(id, area: TestCounty.townshipB) == 1)
            #expect(report.value(id, area: TestCounty.townshipA, month: "2026-02") == 2)
            #expect(report.areaLevel == "township")
            #expect(report.areas == [TestCounty.townshipA, TestCounty.townshipB])
        }
    }

    @Test func monitoredDistinctInPeriodAndMonth() async throws {
        try await Self.county { county in
            let report = try await county.indicators(from: "2026-01", through: "2026-03")
            let id = "core.children-monitored"
            #expect(report.value(id) == 2)
            #expect(report.value(id, month: "2026-01") == 1)
            #expect(report.value(id, month: "2026-02") == 1)
            #expect(report.value(id, month: "2026-03") == 1)
            #expect(report.value(id, area: TestCounty.townshipB) == 0)
            let january = try await county.indicators(from: "2026-01", through: "2026-01")
            #expect(january.value(id) == 1)
        }
    }

    @Test func overdueFollowsTheRegistrysRuleOnEachMonthEnd() async throws {
        try await Self.county { county in
            let report = try await county.indicators(from: "2026-01", through: "2026-03")
            let id = "core.visits-overdue"
            // Jan 31: Y and Z never visited. Feb 28: X's follow-up passed, Z. Mar 31: Z and W never visited.
            #expect(report.value(id, month: "2026-01") == 2)
            #expect(report.value(id, month: "2026-02") == 2)
            #expect(report.value(id, area: TestCounty.townshipA, month: "2026-02") == 1)
            #expect(report.value(id, month: "2026-03") == 2)
            #expect(report.value(id) == 2)
            let june = try await county.indicators(from: "2026-06", through: "2026-06", breakdown: .total)
            // Jun 30 (counted on the records so far): Y's follow-up (May 20) and X's (Jun 1) passed, Z and W: all four.
            #expect(june.value(id) == 4)
        }
    }

    @Test func categoriesAsHeldNowWithTotalCountingEachChildOnce() async throws {
        try await Self.county { county in
            let report = try await county.indicators(from: "2026-01", through: "2026-03")
            let id = "core.children-by-category"
            #expect(report.value(id) == 2)
            #expect(report.value(id, group: "left-behind-both-parents") == 1)
            #expect(report.value(id, group: "orphan") == 1)
            #expect(report.value(id, group: "disability") == 0)
        }
    }

    @Test func villageRowsHideSmallCountsOfPeopleButShowZeros() async throws {
        try await Self.county { county in
            let report = try await county.indicators(division: TestCounty.townshipA, from: "2026-01", through: "2026-03", breakdown: .area, as: .supervisorA)
            #expect(report.areaLevel == "village")
            #expect(report.value("core.children-registered", area: TestCounty.villageA1) == nil)
            #expect(report.value("core.children-monitored", area: TestCounty.villageA1) == nil)
            #expect(report.value("core.children-by-category", area: TestCounty.villageA1, group: "disability") == 0)
            #expect(report.value("core.children-registered") == 3)
            let hidden = report.cells.filter(\.suppressed)
            #expect(!hidden.isEmpty && hidden.allSatisfy { $0.value == 0 && $0.area.count == 12 })
        }
    }

    @Test func theThresholdIsACoreSetting() async throws {
        try await Self.county({ county in
            let report = try await county.indicators(division: TestCounty.townshipA, from: "2026-01", through: "2026-03", breakdown: .area, as: .supervisorA)
            #expect(report.smallCountThreshold == 2)
            #expect(report.value("core.children-registered", area: TestCounty.villageA1) == 2)
            #expect(report.value("core.children-registered", area: TestCounty.villageA2) == nil)
        }, settings: ["core.report-small-count-threshold": "2"])
    }
}
