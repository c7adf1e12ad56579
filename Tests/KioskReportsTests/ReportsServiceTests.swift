import GRDB
import GRPCCore
import KioskHost
import KioskProtos
import KioskRecords
import KioskStore
import KioskTesting
import Testing

/// `kiosk.core.v1.Reports/GetIndicators`: who may call, what bad requests get, what is audited.
@Suite struct ReportsServiceTests {
    @Test(arguments: [TestCounty.Who.directorA1, .operatorWorker])
    func villageDirectorsAndOperatorsAreRefused(_ who: TestCounty.Who) async throws {
        try await TestCounty.with(plugins: []) { county in
            let error = await rpcError { _ = try await county.indicators(division: "", from: "2026-01", through: "2026-03", as: who) }
            #expect(error?.code == .permissionDenied)
            #expect(error?.message.contains("township supervisors and county officers") == true)
        }
    }

    @Test func aDivisionOutsideTheJurisdictionIsRefused() async throws {
        try await TestCounty.with(plugins: []) { county in
            let township = await rpcError {
                _ = try await county.indicators(division: TestCounty.townshipB, from: "2026-01", through: "2026-03", as: .supervisorA)
            }
            #expect(township?.code == .permissionDenied)
            #expect(township?.message == "division \(TestCounty.townshipB) is outside your jurisdiction \(TestCounty.townshipA)")
            let county2 = await rpcCode { _ = try await county.indicators(from: "2026-01", through: "2026-03", as: .otherCountyOfficer) }
            #expect(county2 == .permissionDenied)
        }
    }

    @Test(arguments: [
        ("5301", "2026-01", "2026-03", Kiosk_Core_V1_Breakdown.total, "division: "),
        ("", "2026-1", "2026-03", .total, "from_month: '2026-1' is not a month written YYYY-MM"),
        ("", "2026-01", "", .total, "through_month: is required (a month written YYYY-MM)"),
        ("", "2026-04", "2026-03", .total, "through_month: 2026-03 is before from_month 2026-04"),
        ("", "2023-12", "2026-12", .total, "through_month: 37 months; a call covers at most 36"),
        ("", "2026-01", "2026-03", .unspecified, "breakdown: is required"),
    ])
    func badRequestsNameTheField(_ division: String, _ from: String, _ through: String, _ breakdown: Kiosk_Core_V1_Breakdown, _ message: String) async throws {
        try await TestCounty.with(plugins: []) { county in
            let error = await rpcError {
                _ = try await county.indicators(division: division, from: from, through: through, breakdown: breakdown)
            }
            #expect(error?.code == .invalidArgument)
            #expect(error?.message.hasPrefix(message) == true, "\(error?.message ?? "no error")")
        }
    }

    @Test func anUnknownIndicatorIsRefused() async throws {
        try await TestCounty.with(plugins: []) { county in
            let error = await rpcError {
                try await county.as(.officer) { client in
                    var request = Kiosk_Core_V1_GetIndicatorsRequest()
                    request.fromMonth = "2026-01"
                    request.throughMonth = "2026-01"
                    request.breakdown = .total
                    request.indicatorIds = ["core.children-registered", "core.no-such-thing"]
                    _ = try await Kiosk_Core_V1_Reports.Client(wrapping: client).getIndicators(request)
                }
            }
            #expect(error?.code == .invalidArgument)
            #expect(error?.message == "indicator_ids: no indicator 'core.no-such-thing'")
        }
    }

    @Test func answersAndRefusalsAreAudited() async throws {
        try await TestCounty.with(plugins: []) { county in
            _ = try await county.registerChild("王小莲")
            let report = try await county.indicators(from: "2026-11", through: "2026-11", breakdown: .total)
            #expect(report.value("core.children-registered") == 1)
            #expect(report.definitionsVersion.hasPrefix("defs-"))
            _ = await rpcCode { _ = try await county.indicators(from: "2026-11", through: "2026-11", as: .directorA1) }
            let entries = try await county.host.host.database.read { db in try AuditLog.entries(in: db) }
                .filter { $0.action == "reports.get-indicators" }
            #expect(entries.map(\.actor) == ["officer", "directorA1"])
            #expect(entries.map(\.outcome).last == "denied")
            #expect(entries.first?.outcome.hasPrefix("530102 2026-11..2026-11:") == true)
            #expect(entries.allSatisfy { $0.childID == nil })
        }
    }

    @Test func onlyTheAskedIndicatorsAndNoZeroCells() async throws {
        try await TestCounty.with(plugins: []) { county in
            _ = try await county.registerChild("王小莲")
            let report = try await county.as(.officer) { client in
                var request = Kiosk_Core_V1_GetIndicatorsRequest()
                request.fromMonth = "2026-11"
                request.throughMonth = "2026-11"
                request.breakdown = .areaAndMonth
                request.indicatorIds = ["core.children-registered"]
                return try await Kiosk_Core_V1_Reports.Client(wrapping: client).getIndicators(request)
            }
            #expect(report.indicators.map(\.id) == ["core.children-registered"])
            #expect(report.cells.allSatisfy { $0.value != 0 })
            #expect(Set(report.cells.map(\.area)) == [TestCounty.county, TestCounty.townshipA])
            #expect(report.cells.count == 4)
        }
    }
}
