import Foundation
import GRDB
import GRPCCore
import KioskDomain
import KioskPluginKit

extension AllowancesService {
    func runPayments(
        request: Kiosk_Plugins_Allowances_V1_RunPaymentsRequest,
        context: ServerContext
    ) async throws -> Kiosk_Plugins_Allowances_V1_RunPaymentsResponse {
        let caller = try Caller.required()
        let county = try officerCounty(request.county, caller: caller)
        let month = try Month(field: request.month, name: "month")
        let current = Month(self.clock.today())
        guard month <= current else { throw RPCError.invalidArgument("month: \(month) is after the current month \(current)") }
        let limit = request.limit == 0 ? nil : Int(request.limit)
        let (checks, now) = (self.checks, self.clock.now())
        let runID = RecordID.make("R")
        return try await self.store.write { db in
            let suspended = try checks.run(villages: Jurisdiction(county).villageRange, in: db)
            let result = try PaymentRun.run(
                county: county, month: month, limit: limit, runID: runID, ageLimit: checks.ageLimit, at: now, in: db
            )
            var response = Kiosk_Plugins_Allowances_V1_RunPaymentsResponse()
            response.runID = result.runID
            response.paid = result.paid.map(Kiosk_Plugins_Allowances_V1_Payment.init)
            response.alreadyPaid = UInt32(result.alreadyPaid)
            response.skipped = result.skipped.map(Kiosk_Plugins_Allowances_V1_SkippedAllowance.init)
            response.remaining = UInt32(result.remaining)
            response.suspendedNow = suspended.map(Kiosk_Plugins_Allowances_V1_SkippedAllowance.init)
            return response
        }
    }

    func listPayments(
        request: Kiosk_Plugins_Allowances_V1_ListPaymentsRequest,
        context: ServerContext
    ) async throws -> Kiosk_Plugins_Allowances_V1_ListPaymentsResponse {
        let caller = try Caller.required()
        let county = try officerCounty(request.county, caller: caller)
        let month = try Month(field: request.month, name: "month")
        let payments = try await self.store.read { db in try PaymentRun.payments(county: county, month: month, in: db) }
        var response = Kiosk_Plugins_Allowances_V1_ListPaymentsResponse()
        response.payments = payments.map(Kiosk_Plugins_Allowances_V1_Payment.init)
        response.totalFen = payments.reduce(0) { $0 + $1.amountFen }
        return response
    }

    func exportPayments(
        request: Kiosk_Plugins_Allowances_V1_ExportPaymentsRequest,
        context: ServerContext
    ) async throws -> Kiosk_Plugins_Allowances_V1_ExportPaymentsResponse {
        let caller = try Caller.required()
        let county = try officerCounty(request.county, caller: caller)
        let month = try Month(field: request.month, name: "month")
        let children = self.core.children
        return try await self.store.write { db in
            let payments = try PaymentRun.payments(county: county, month: month, in: db)
            let lines = try payments.map { payment in
                let child = try children.child(payment.childID, in: db, actor: .worker(caller), action: "allowances.export-payments")
                return PaymentCSVLine(
                    payment: payment, childName: child.details.name, identityNumber: child.details.identityNumber?.normalized ?? ""
                )
            }
            var response = Kiosk_Plugins_Allowances_V1_ExportPaymentsResponse()
            response.csv = Data(PaymentCSV.render(lines).utf8)
            response.fileName = "allowances-\(county)-\(month).csv"
            response.rows = UInt32(lines.count)
            return response
        }
    }
}
