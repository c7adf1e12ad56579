import GRDB
import GRPCCore
import KioskDomain
import KioskPluginKit

/// `kiosk.plugins.allowances.v1.Allowances`: eligibility, applications, rates and allowances.
struct AllowancesService: Kiosk_Plugins_Allowances_V1_Allowances.SimpleServiceProtocol {
    let store: PluginStore
    let core: CoreServices
    let clock: any WallClock
    let evaluator: EligibilityEvaluator
    let checks: AutomaticChecks

    func checkEligibility(
        request: Kiosk_Plugins_Allowances_V1_CheckEligibilityRequest,
        context: ServerContext
    ) async throws -> Kiosk_Plugins_Allowances_V1_CheckEligibilityResponse {
        let actor = try CoreActor.currentWorker()
        let kind = try AllowanceKind(request.allowanceType)
        let evaluator = self.evaluator
        return try await self.store.write { db in
            let checks = try evaluator.forNewApplication(kind: kind, childID: request.childID, in: db, actor: actor)
            var response = Kiosk_Plugins_Allowances_V1_CheckEligibilityResponse()
            response.eligible = checks.allSatisfy(\.passed)
            response.checks = checks.map(Kiosk_Plugins_Allowances_V1_Check.init)
            return response
        }
    }

    func submitApplication(
        request: Kiosk_Plugins_Allowances_V1_SubmitApplicationRequest,
        context: ServerContext
    ) async throws -> Kiosk_Plugins_Allowances_V1_SubmitApplicationResponse {
        let actor = try CoreActor.currentWorker()
        let kind = try AllowanceKind(request.allowanceType)
        guard request.note.count <= 500 else { throw invalid("note is longer than 500 characters") }
        let (evaluator, workflow, clock) = (self.evaluator, self.core.applications, self.clock)
        return try await self.store.write { db in
            let checks = try evaluator.forNewApplication(kind: kind, childID: request.childID, in: db, actor: actor)
            let application = try workflow.submit(
                kind: kind.rawValue, childID: request.childID, summary: "Application for the \(kind.title)",
                payload: request, checks: checks, in: db, actor: actor
            )
            try DecisionLog.record(
                DecisionEntry(stage: "submit", actor: actor.name, at: clock.now(), evaluatedOn: clock.today(), checks: checks),
                applicationID: application.applicationID, in: db
            )
            var response = Kiosk_Plugins_Allowances_V1_SubmitApplicationResponse()
            response.applicationID = application.applicationID
            response.checks = checks.map(Kiosk_Plugins_Allowances_V1_Check.init)
            return response
        }
    }

    func listDecisions(
        request: Kiosk_Plugins_Allowances_V1_ListDecisionsRequest,
        context: ServerContext
    ) async throws -> Kiosk_Plugins_Allowances_V1_ListDecisionsResponse {
        let actor = try CoreActor.currentWorker()
        let workflow = self.core.applications
        return try await self.store.write { db in
            let application = try workflow.application(request.applicationID, in: db, actor: actor, action: "allowances.list-decisions")
            guard AllowanceKind(applicationKind: application.kind) != nil else {
                throw RPCError(code: .notFound, message: "application \(request.applicationID) is not an allowance application")
            }
            var response = Kiosk_Plugins_Allowances_V1_ListDecisionsResponse()
            response.decisions = try DecisionLog.entries(applicationID: application.applicationID, in: db)
                .map(Kiosk_Plugins_Allowances_V1_Decision.init)
            return response
        }
    }

    func setRate(
        request: Kiosk_Plugins_Allowances_V1_SetRateRequest,
        context: ServerContext
    ) async throws -> Kiosk_Plugins_Allowances_V1_SetRateResponse {
        let caller = try Caller.required()
        let county = try officerCounty(request.county, caller: caller)
        let kind = try AllowanceKind(request.allowanceType)
        let effective = try month(request.effectiveMonth, field: "effective_month")
        guard (0...10_000_000).contains(request.monthlyAmountFen) else {
            throw invalid("monthly_amount_fen \(request.monthlyAmountFen) must be 0 to 10000000 fen (100,000 yuan)")
        }
        let rate = RateRow(county: county, kind: kind, effectiveMonth: effective, amountFen: request.monthlyAmountFen, setBy: caller.workerID)
        let now = self.clock.now()
        return try await self.store.write { db in
            try RateTable.set(rate, at: now, in: db)
            var response = Kiosk_Plugins_Allowances_V1_SetRateResponse()
            response.rate = .init(rate)
            return response
        }
    }

    func listRates(
        request: Kiosk_Plugins_Allowances_V1_ListRatesRequest,
        context: ServerContext
    ) async throws -> Kiosk_Plugins_Allowances_V1_ListRatesResponse {
        let caller = try Caller.required()
        guard request.county.count == 6, caller.jurisdiction.digits.hasPrefix(request.county) else {
            throw RPCError(code: .permissionDenied, message: "county '\(request.county)' is not the county of your jurisdiction")
        }
        let kind = request.allowanceType == .unspecified ? nil : try AllowanceKind(request.allowanceType)
        let rates = try await self.store.read { db in try RateTable.list(county: request.county, kind: kind, in: db) }
        var response = Kiosk_Plugins_Allowances_V1_ListRatesResponse()
        response.rates = rates.map(Kiosk_Plugins_Allowances_V1_Rate.init)
        return response
    }

    func listAllowances(
        request: Kiosk_Plugins_Allowances_V1_ListAllowancesRequest,
        context: ServerContext
    ) async throws -> Kiosk_Plugins_Allowances_V1_ListAllowancesResponse {
        let caller = try Caller.required()
        guard caller.role != .operator else {
            throw RPCError(code: .permissionDenied, message: "operators do not read children's allowances")
        }
        let status = AllowanceStatus(request.status)
        let childID = request.childID.isEmpty ? nil : request.childID
        let rows = try await self.store.read { db in
            try AllowanceTable.list(villages: caller.jurisdiction.villageRange, childID: childID, status: status, in: db)
        }
        var response = Kiosk_Plugins_Allowances_V1_ListAllowancesResponse()
        response.allowances = rows.map(Kiosk_Plugins_Allowances_V1_Allowance.init)
        return response
    }

    func runAutomaticChecks(
        request: Kiosk_Plugins_Allowances_V1_RunAutomaticChecksRequest,
        context: ServerContext
    ) async throws -> Kiosk_Plugins_Allowances_V1_RunAutomaticChecksResponse {
        let caller = try Caller.required()
        guard caller.role == .countyOfficer else {
            throw RPCError(code: .permissionDenied, message: "only county officers run the automatic checks")
        }
        let checks = self.checks
        return try await self.store.write { db in
            var response = Kiosk_Plugins_Allowances_V1_RunAutomaticChecksResponse()
            response.suspended = try checks.run(villages: caller.jurisdiction.villageRange, in: db)
                .map(Kiosk_Plugins_Allowances_V1_SkippedAllowance.init)
            return response
        }
    }
}
