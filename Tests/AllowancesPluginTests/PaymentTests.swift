import AllowancesPlugin
import Foundation
import GRPCCore
import KioskProtos
import KioskTesting
import Testing

@Suite("Allowances over the wire: applications, rates and payments")
struct PaymentTests {
    @Test("an orphan's allowance from approval to payment; a mid-year rate change does not rewrite paid months")
    func lifecycle() async throws {
        try await TestCounty.allowances(today: "2025-03-10") { county in
            try await county.setRate(.orphanBasicLiving, from: "2025-01", fen: 60_000)
            try await county.setRate(.orphanBasicLiving, from: "2025-07", fen: 65_000)
            let child = try await county.child("王小莲", born: "2010-05-01", categories: [category(.orphan)])
            let eligibility = try await county.allowances(.directorA1) { client in
                var request = Kiosk_Plugins_Allowances_V1_CheckEligibilityRequest()
                request.childID = child
                request.allowanceType = .orphanBasicLiving
                return try await client.checkEligibility(request)
            }
            #expect(eligibility.eligible)
            #expect(eligibility.checks.map(\.rule) == ["age-under-18", "category-orphan", "no-excluding-allowance", "not-already-granted"])
            let id = try await county.approvedApplication(child, .orphanBasicLiving)
            let active = try await county.transition(id, .activate, effectiveDate: "2025-03-01", as: .officer)
            #expect(active.state == .active)
            let allowance = try await county.allowance(id)
            #expect(allowance?.status == .active)
            #expect(allowance?.startMonth == "2025-03")

            let february = try await county.runPayments(month: "2025-02")
            #expect(february.paid.isEmpty)
            let march = try await county.runPayments(month: "2025-03")
            #expect(march.paid.map(\.amountFen) == [60_000])
            #expect(march.paid.first?.childID == child)
            let again = try await county.runPayments(month: "2025-03")
            #expect(again.paid.isEmpty)
            #expect(again.alreadyPaid == 1)

            try county.clock.set(today: "2025-07-20")
            let july = try await county.runPayments(month: "2025-07")
            #expect(july.paid.map(\.amountFen) == [65_000])
            #expect(try await county.payments(month: "2025-03").payments.map(\.amountFen) == [60_000])
            let rewrite = await rpcError { try await county.setRate(.orphanBasicLiving, from: "2025-03", fen: 70_000) }
            #expect(rewrite?.code == .failedPrecondition)
            #expect(rewrite?.message.contains("already paid up to 2025-07") == true)
            try await county.setRate(.orphanBasicLiving, from: "2025-08", fen: 70_000)

            let decisions = try await county.allowances(.supervisorA) { client in
                var request = Kiosk_Plugins_Allowances_V1_ListDecisionsRequest()
                request.applicationID = id
                return try await client.listDecisions(request).decisions
            }
            #expect(decisions.map(\.stage) == ["submit", "approve", "activate"])
            #expect(decisions.first?.checks.first?.explanation.contains("born 2010-05-01") == true)
        }
    }

    @Test("the CSV export lists the month's payments with name and amount in yuan")
    func csvExport() async throws {
        try await TestCounty.allowances(today: "2025-03-10") { county in
            try await county.setRate(.minimumLivingChildSupplement, from: "2025-01", fen: 12_345)
            let child = try await county.child("李明", born: "2012-01-20", categories: [category(.minimumLivingGuarantee)])
            let id = try await county.grant(child, .minimumLivingChildSupplement, from: "2025-03-01")
            _ = try await county.runPayments(month: "2025-03")
            let export = try await county.allowances(.officer) { client in
                var request = Kiosk_Plugins_Allowances_V1_ExportPaymentsRequest()
                request.county = "530102"
                request.month = "2025-03"
                return try await client.exportPayments(request)
            }
            let text = String(decoding: export.csv, as: UTF8.self)
            #expect(export.rows == 1)
            #expect(export.fileName == "allowances-530102-2025-03.csv")
            #expect(text == """
                month,village,child_id,name,identity_number,allowance_type,amount_yuan,allowance_id\r
                2025-03,530102001001,\(child),李明,,minimum-living-child-supplement,123.45,\(id)\r

                """)
        }
    }

    @Test("a run cut short and repeated pays each allowance exactly once")
    func interruptedRun() async throws {
        try await TestCounty.allowances(today: "2025-03-10") { county in
            try await county.setRate(.orphanBasicLiving, from: "2025-01", fen: 60_000)
            var ids: [String] = []
            for (index, name) in ["张一", "张二", "张三"].enumerated() {
                let child = try await county.child(name, born: "201\(index)-02-02", categories: [category(.orphan)])
                ids.append(try await county.grant(child, .orphanBasicLiving, from: "2025-03-01"))
            }
            let first = try await county.runPayments(month: "2025-03", limit: 1)
            #expect(first.paid.count == 1)
            #expect(first.remaining == 2)
            let second = try await county.runPayments(month: "2025-03")
            #expect(second.paid.count == 2)
            #expect(second.alreadyPaid == 1)
            let third = try await county.runPayments(month: "2025-03")
            #expect(third.paid.isEmpty)
            #expect(third.alreadyPaid == 3)
            let list = try await county.payments(month: "2025-03")
            #expect(Set(list.payments.map(\.allowanceID)) == Set(ids))
            #expect(list.payments.count == 3)
            #expect(list.totalFen == 180_000)
        }
    }

    @Test("refusals: wrong role, other county, bad input, no rate, future month")
    func refusals() async throws {
        try await TestCounty.allowances(today: "2025-03-10") { county in
            let byDirector = await rpcError {
                try await county.allowances(.directorA1) { client in
                    var request = Kiosk_Plugins_Allowances_V1_SetRateRequest()
                    request.county = "530102"
                    request.allowanceType = .orphanBasicLiving
                    request.effectiveMonth = "2025-01"
                    request.monthlyAmountFen = 1
                    _ = try await client.setRate(request)
                }
            }
            #expect(byDirector?.code == .permissionDenied)
            let otherCounty = await rpcError {
                try await county.allowances(.otherCountyOfficer) { client in
                    var request = Kiosk_Plugins_Allowances_V1_RunPaymentsRequest()
                    request.county = "530102"
                    request.month = "2025-03"
                    _ = try await client.runPayments(request)
                }
            }
            #expect(otherCounty?.code == .permissionDenied)
            let badMonth = await rpcError { try await county.setRate(.orphanBasicLiving, from: "2025-3", fen: 1) }
            #expect(badMonth?.code == .invalidArgument)
            #expect(badMonth?.message == "effective_month: '2025-3' is not a month written YYYY-MM")
            let noType = await rpcError { try await county.setRate(.unspecified, from: "2025-03", fen: 1) }
            #expect(noType?.code == .invalidArgument)
            let future = await rpcError { _ = try await county.runPayments(month: "2025-04") }
            #expect(future?.code == .invalidArgument)

            let child = try await county.child("赵丽", born: "2011-08-08", categories: [category(.orphan)])
            let id = try await county.approvedApplication(child, .orphanBasicLiving)
            let noRate = await rpcError { try await county.transition(id, .activate, effectiveDate: "2025-03-01", as: .officer) }
            #expect(noRate?.code == .failedPrecondition)
            #expect(noRate?.message.contains("no rate for orphan-basic-living") == true)
        }
    }
}
