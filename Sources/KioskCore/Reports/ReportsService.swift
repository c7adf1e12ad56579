import Foundation
public import GRPCCore
import KioskDomain
public import KioskPluginKit
public import KioskRecords
public import KioskProtos
public import KioskStore
public import Logging

/// `kiosk.core.v1.Reports`: the programme's indicators for township supervisors and county officers,
/// numbers only, small counts of people in village rows hidden by the engine.
///
/// Who: township supervisors and county officers, for their jurisdiction or a division inside it.
/// Village directors are refused (they work with the children themselves, and a village's counts
/// are the ones small enough to point at a child); operators are refused as everywhere they would
/// see children's data. Every call is audited as `reports.get-indicators`, refusals included.
public struct ReportsService: Kiosk_Core_V1_Reports.SimpleServiceProtocol {
    /// The longest period a call may ask for, in months.
    public static let maximumMonths = 36
    /// The most indicator ids a call may name.
    public static let maximumIndicatorIDs = 200

    private let database: KioskDatabase
    private let engine: IndicatorEngine
    private let clock: any WallClock
    private let logger: Logger

    /// Creates the service.
    public init(database: KioskDatabase, engine: IndicatorEngine, clock: any WallClock, logger: Logger) {
        self.database = database
        self.engine = engine
        self.clock = clock
        self.logger = logger
    }

    public func getIndicators(
        request: Kiosk_Core_V1_GetIndicatorsRequest,
        context: ServerContext
    ) async throws -> Kiosk_Core_V1_GetIndicatorsResponse {
        let caller = try Caller.required()
        guard caller.role == .townshipSupervisor || caller.role == .countyOfficer else {
            try await self.audit(caller, outcome: "denied")
            throw RPCError(code: .permissionDenied, message: "reports are for township supervisors and county officers, not \(caller.role)s")
        }
        let division = try ReportMessages.division(request.division) ?? caller.jurisdiction
        guard caller.jurisdiction.contains(division) else {
            try await self.audit(caller, outcome: "denied")
            throw RPCError(code: .permissionDenied, message: "division \(division) is outside your jurisdiction \(caller.jurisdiction)")
        }
        let indicatorRequest = try ReportMessages.request(request, division: division, maximumMonths: Self.maximumMonths, maximumIDs: Self.maximumIndicatorIDs)
        let report: IndicatorReport
        do {
            report = try await self.engine.report(indicatorRequest, in: self.database)
        } catch let error as IndicatorRequestError {
            throw RPCError(code: .invalidArgument, message: error.message)
        } catch let error as IndicatorEngineError {
            self.logger.error("an indicator could not be counted", metadata: ["kiosk.report.error": "\(error)"])
            throw RPCError(code: .internalError, message: "indicator \(error.indicatorID) could not be counted; the server's log says why")
        }
        let response = ReportMessages.response(report)
        try await self.audit(caller, outcome: "\(division) \(report.from)..\(report.through): \(response.cells.count) cells")
        return response
    }

    /// Writes the call to the audit log in a transaction of its own (the counts are read, not written).
    private func audit(_ caller: Caller, outcome: String) async throws {
        let now = self.clock.now()
        try await self.database.writer.write { db in
            try AuditLog.append(in: db, at: now, actor: .worker(caller), action: "reports.get-indicators", outcome: outcome)
        }
    }
}
