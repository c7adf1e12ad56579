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
        let childID = try RequestField.id(request.childID, field: "child_id")
        let kind = try AllowanceKind(request.allowanceType)
        let evaluator = self.evaluator
        return try await self.store.write { db in
            let checks = try evaluator.forNewApplication(kind: kind, childID: childID, in: db, actor: actor)
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
        let childID = try RequestField.id(request.childID, field: "child_id")
        let kind = try AllowanceKind(request.allowanceType)
        _ = try RequestField.optionalText(request.note, field: "note", maximumLength: 500)
        let (evaluator, workflow, clock) = (self.evaluator, self.core.applications, self.clock)
        return try await self.store.write { db in
            let checks = try evaluator.forNewApplication(kind: kind, childID: childID, in: db, actor: actor)
            let application = try workflow.submit(
                kind: kind.rawValue, childID: childID, summary: "Application for the \(kind.title)",
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
        let applicationID = try RequestField.id(request.applicationID, field: "application_id")
        let workflow = self.core.applications
        return try await self.store.write { db in
            let application = try workflow.application(applicationID, in: db, actor: actor, action: "allowances.list-decisions")
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
        let effective = try Month(field: request.effectiveMonth, name: "effective_month")
        // At most 100,000 yuan a month.
        let amount = try RequestField.integer(request.monthlyAmountFen, field: "monthly_amount_fen", in: 0...10_000_000)
        let rate = RateRow(county: county, kind: kind, effectiveMonth: effective, amountFen: amount, setBy: caller.workerID)
        let now = self.clock.now()
        return try await self.store.write { db in
            let replaced = try RateTable.set(rate, at: now, in: db)
            var response = Kiosk_Plugins_Allowances_V1_SetRateResponse()
            response.rate = .init(rate)
            if let replaced { response.replaced = .init(replaced) }
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
        return try await self.store.read { db in
            var response = Kiosk_Plugins_Allowances_V1_ListRatesResponse()
            response.rates = try RateTable.list(county: request.county, kind: kind, in: db).map(Kiosk_Plugins_Allowances_V1_Rate.init)
            response.changes = try RateTable.changes(county: request.county, kind: kind, in: db).map(Kiosk_Plugins_Allowances_V1_RateChange.init)
            return response
        }
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
        let childID = request.childID.isEmpty ? nil : try RequestField.id(request.childID, field: "child_id")
        let children = self.core.children
        return try await self.store.write { db in
            if let childID {
                // NOT_FOUND for a child outside the jurisdiction, as every read of a child (and audited).
                _ = try children.child(childID, in: db, actor: .worker(caller), action: "allowances.list-allowances")
            }
            var response = Kiosk_Plugins_Allowances_V1_ListAllowancesResponse()
            response.allowances = try AllowanceTable.list(villages: caller.jurisdiction.villageRange, childID: childID, status: status, in: db)
                .map(Kiosk_Plugins_Allowances_V1_Allowance.init)
            return response
        }
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
