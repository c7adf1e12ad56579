import Foundation
import GRPCCore
import KioskDomain
import KioskPluginKit

/// `kiosk.plugins.nutrition.v1.Nutrition`.
struct NutritionService: Kiosk_Plugins_Nutrition_V1_Nutrition.SimpleServiceProtocol {
    let store: PluginStore
    let core: CoreServices
    let clock: any WallClock
    let standards: GrowthStandards
    let eligibility: SupportEligibility

    /// The work item kind of a referral (stored as `nutrition.severe-acute-malnutrition`).
    static let referralKind = "severe-acute-malnutrition"

    func recordMeasurement(
        request: Kiosk_Plugins_Nutrition_V1_RecordMeasurementRequest,
        context: ServerContext
    ) async throws -> Kiosk_Plugins_Nutrition_V1_RecordMeasurementResponse {
        let actor = try CoreActor.currentWorker()
        let childID = try RequestField.id(request.childID, field: "child_id")
        let position = try MeasurementPosition(wire: request.position)
        let (children, workList, standards, clock) = (self.core.children, self.core.workList, self.standards, self.clock)
        let today = clock.today()
        return try await self.store.write { db in
            let child = try children.child(childID, in: db, actor: actor, action: "nutrition.record-measurement")
            let measurement = try GrowthMeasurement.checked(
                measuredOn: request.measuredOn, weightKg: request.weightKg, lengthCm: request.lengthCm, position: position,
                muacMM: Int(request.muacMm), oedema: request.oedema, birthDate: child.details.birthDate, today: today
            )
            guard let assessment = standards.assess(measurement, sex: child.details.sex, birthDate: child.details.birthDate) else {
                throw RPCError(
                    code: .failedPrecondition,
                    message: "the child is \(child.details.birthDate.days(to: measurement.measuredOn)) days old on \(measurement.measuredOn); "
                        + "the WHO Child Growth Standards cover 0 to \(GrowthStandards.maximumAgeDays) days (5 years)"
                )
            }
            if !assessment.implausible.isEmpty, !request.confirmImplausible {
                throw RPCError(code: .failedPrecondition, message: Self.implausibleMessage(assessment))
            }
            var referralID: String?
            if assessment.isSevereAcuteMalnutrition {
                referralID = try workList.raise(
                    kind: Self.referralKind, childID: child.childID, urgency: .urgent,
                    summary: Self.referralSummary(measurement, assessment), in: db, actor: actor
                ).itemID
            }
            let stored = StoredMeasurement(
                measurementID: RecordID.make("M"), childID: child.childID, village: child.details.village.digits,
                measurement: measurement, assessment: assessment, referralItemID: referralID, recordedBy: actor.name
            )
            try stored.insert(in: db, at: clock.now())
            var response = Kiosk_Plugins_Nutrition_V1_RecordMeasurementResponse()
            response.measurement = .init(stored)
            return response
        }
    }

    func getGrowthHistory(
        request: Kiosk_Plugins_Nutrition_V1_GetGrowthHistoryRequest,
        context: ServerContext
    ) async throws -> Kiosk_Plugins_Nutrition_V1_GetGrowthHistoryResponse {
        let actor = try CoreActor.currentWorker()
        let childID = try RequestField.id(request.childID, field: "child_id")
        let children = self.core.children
        return try await self.store.write { db in
            let child = try children.child(childID, in: db, actor: actor, action: "nutrition.growth-history")
            var response = Kiosk_Plugins_Nutrition_V1_GetGrowthHistoryResponse()
            response.measurements = try StoredMeasurement.all(childID: child.childID, in: db).map { .init($0) }
            return response
        }
    }

    func getNutritionSummary(
        request: Kiosk_Plugins_Nutrition_V1_GetNutritionSummaryRequest,
        context: ServerContext
    ) async throws -> Kiosk_Plugins_Nutrition_V1_GetNutritionSummaryResponse {
        let actor = try CoreActor.currentWorker()
        let villages = try Self.villageRange(actor: actor, division: request.division)
        let from = try RequestField.date(request.from, field: "from")
        let to = try RequestField.date(request.to, field: "to")
        guard from <= to else { throw RPCError.invalidArgument("from: \(from) is after to \(to)") }
        let measurements = try await self.store.read { db in
            try StoredMeasurement.all(villages: villages, from: from, to: to, in: db)
        }
        return .init(NutritionSummary(measurements: measurements))
    }

    func submitSupportApplication(
        request: Kiosk_Plugins_Nutrition_V1_SubmitSupportApplicationRequest,
        context: ServerContext
    ) async throws -> Kiosk_Plugins_Nutrition_V1_SubmitSupportApplicationResponse {
        let actor = try CoreActor.currentWorker()
        let childID = try RequestField.id(request.childID, field: "child_id")
        let kind = try SupportKind(wire: request.kind)
        let note = try RequestField.optionalText(request.note, field: "note", maximumLength: 500)
        let (children, applications, eligibility) = (self.core.children, self.core.applications, self.eligibility)
        let today = self.clock.today()
        return try await self.store.write { db in
            let child = try children.child(childID, in: db, actor: actor, action: "nutrition.support-eligibility")
            let latest = try StoredMeasurement.all(childID: child.childID, in: db).last
            let checks = eligibility.checks(for: kind, birthDate: child.details.birthDate, today: today, latest: latest)
            var payload = Kiosk_Plugins_Nutrition_V1_SupportApplication()
            payload.kind = request.kind
            payload.note = note
            payload.measurementID = latest?.measurementID ?? ""
            payload.ageMonths = UInt32(max(0, GrowthAssessment.months(ageDays: child.details.birthDate.days(to: today))))
            let application = try applications.submit(
                kind: kind.rawValue, childID: child.childID, summary: "Nutrition support: \(kind.rawValue)",
                payload: payload, checks: checks, in: db, actor: actor
            )
            var response = Kiosk_Plugins_Nutrition_V1_SubmitSupportApplicationResponse()
            response.applicationID = application.applicationID
            response.checks = checks.map(Kiosk_Plugins_Nutrition_V1_EligibilityCheck.init)
            return response
        }
    }
}
