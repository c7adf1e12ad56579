import AllowancesPlugin
import KioskProtos
import KioskTesting
import Testing

@Suite("Allowances in the programme's reports")
struct IndicatorTests {
    @Test("recipients and amounts by the month paid for, by type; a child with two allowances counts once in the total")
    func recipientsAndAmounts() async throws {
        try await TestCounty.allowances(today: "2026-02-10") { county in
            try await county.setRate(.orphanBasicLiving, from: "2026-01", fen: 120_000)
            try await county.setRate(.severeDisabilityNursing, from: "2026-01", fen: 10_050)
            let orphan = try await county.child("王小莲", born: "2014-05-01", categories: [category(.orphan), category(.disability, grade: 1)])
            let other = try await county.child("李晓华", born: "2015-05-01", categories: [category(.orphan)], village: TestCounty.villageB1)
            _ = try await county.grant(orphan, .orphanBasicLiving, from: "2026-01-05")
            _ = try await county.grant(orphan, .severeDisabilityNursing, from: "2026-02-05")
            _ = try await county.grant(other, .orphanBasicLiving, from: "2026-02-05", village: TestCounty.villageB1)
            _ = try await county.runPayments(month: "2026-01")
            _ = try await county.runPayments(month: "2026-02")

            let report = try await county.indicators(from: "2026-01", through: "2026-02")
            #expect(report.value("allowances.recipients") == 2)
            #expect(report.value("allowances.recipients", month: "2026-01") == 1)
            #expect(report.value("allowances.recipients", month: "2026-02") == 2)
            #expect(report.value("allowances.recipients", group: "orphan-basic-living") == 2)
            #expect(report.value("allowances.recipients", group: "severe-disability-nursing") == 1)
            #expect(report.value("allowances.recipients", area: TestCounty.townshipB) == 1)
            #expect(report.value("allowances.amount-paid") == 3_600 + 100.5)
            #expect(report.value("allowances.amount-paid", month: "2026-02", group: "severe-disability-nursing") == 100.5)
            #expect(report.value("allowances.amount-paid", area: TestCounty.townshipA, month: "2026-01") == 1_200)
            // Allowances are social assistance, counted on their own, not as support in the combined indicator.
            #expect(report.value("core.supported-children-without-family-care") == 0)
            #expect(report.value("core.applications.allowances.orphan-basic-living", group: "active") == 2)
            // Amounts are not shown for villages: a township's report has them in its total only.
            let township = try await county.indicators(division: TestCounty.townshipA, from: "2026-01", through: "2026-02", breakdown: .area, as: .supervisorA)
            #expect(township.value("allowances.amount-paid") == 2_400 + 100.5)
            #expect(!township.cells.contains { $0.indicatorID == "allowances.amount-paid" && $0.area != TestCounty.townshipA })
            #expect(township.value("allowances.recipients", area: TestCounty.villageA1) == nil)
            let january = try await county.indicators(from: "2026-01", through: "2026-01", breakdown: .total)
            #expect(january.value("allowances.amount-paid") == 1_200)
        }
    }
}
