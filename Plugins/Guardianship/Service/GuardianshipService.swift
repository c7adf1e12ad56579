import GRPCCore
import KioskDomain
import KioskPluginKit

/// `kiosk.plugins.guardianship.v1.Guardianship`.
struct GuardianshipService: Kiosk_Plugins_Guardianship_V1_Guardianship.SimpleServiceProtocol {
    let store: PluginStore
    let core: CoreServices
    let clock: any WallClock
    let pluginID: String
    /// How often arrangements are reviewed (settings `review-months-high-risk`, `review-months-other`).
    let schedule: ReviewSchedule
    /// How old a caregiver's assessment may be (setting `assessment-valid-days`).
    let assessmentValidDays: Int

    /// Work item kinds (stored as `guardianship.<kind>`).
    static let noCaregiverKind = "no-caregiver"
    static let unfitCaregiverKind = "caregiver-unfit"

    init(context: PluginContext, schedule: ReviewSchedule, assessmentValidDays: Int) {
        self.store = context.store
        self.core = context.core
        self.clock = context.clock
        self.pluginID = context.pluginID
        self.schedule = schedule
        self.assessmentValidDays = assessmentValidDays
    }

    func recordSituation(
        request: Kiosk_Plugins_Guardianship_V1_RecordSituationRequest,
        context: ServerContext
    ) async throws -> Kiosk_Plugins_Guardianship_V1_RecordSituationResponse {
        let actor = try CoreActor.currentWorker()
        let childID = try RequestField.id(request.childID, field: "child_id")
        let today = self.clock.today()
        let situation = try CareSituation(checking: request, today: today)
        let (children, workList, system) = (self.core.children, self.core.workList, CoreActor.system(self.pluginID))
        return try await self.store.write { db in
            let child = try children.child(childID, in: db, actor: actor, action: "guardianship.record-situation")
            var urgentItemID: String?
            if situation.caregiver == nil {
                urgentItemID = try workList.raise(
                    kind: Self.noCaregiverKind, childID: child.childID, urgency: .urgent,
                    summary: "No caregiver for the child (recorded \(today)): arrange care now", in: db, actor: actor
                ).itemID
            } else if let open = try workList.openItem(kind: Self.noCaregiverKind, childID: child.childID, in: db) {
                _ = try workList.resolve(open.itemID, resolution: "caregiver recorded on \(today)", in: db, actor: system)
            }
            let stored = StoredSituation(
                childID: child.childID, village: child.details.village.digits, situation: situation, recordedOn: today,
                recordedBy: actor.name, urgentItemID: urgentItemID
            )
            try stored.save(in: db)
            var response = Kiosk_Plugins_Guardianship_V1_RecordSituationResponse()
            response.situation = .init(stored)
            return response
        }
    }

    func assessCaregiver(
        request: Kiosk_Plugins_Guardianship_V1_AssessCaregiverRequest,
        context: ServerContext
    ) async throws -> Kiosk_Plugins_Guardianship_V1_AssessCaregiverResponse {
        let actor = try CoreActor.currentWorker()
        guard Caller.current?.role == .villageDirector else {
            throw RPCError(code: .permissionDenied, message: "guardianship assessments are made by the village director")
        }
        let childID = try RequestField.id(request.childID, field: "child_id")
        let answers = try CapacityAnswers(checking: request.answers)
        let result = CapacityRules.assess(answers)
        let (children, workList, clock) = (self.core.children, self.core.workList, self.clock)
        let today = clock.today()
        return try await self.store.write { db in
            let child = try children.child(childID, in: db, actor: actor, action: "guardianship.assess-caregiver")
            var urgentItemID: String?
            if result.unfit {
                urgentItemID = try workList.raise(
                    kind: Self.unfitCaregiverKind, childID: child.childID, urgency: .urgent,
                    summary: "CareProvider assessed unfit on \(today) (\(result.reasons.joined(separator: "; "))): arrange other care",
                    in: db, actor: actor
                ).itemID
            }
            let stored = StoredAssessment(
                assessmentID: RecordID.make("G"), childID: child.childID, village: child.details.village.digits,
                assessedOn: today, answers: answers, result: result, assessedBy: actor.name, urgentItemID: urgentItemID
            )
            try stored.insert(in: db, at: clock.now())
            var response = Kiosk_Plugins_Guardianship_V1_AssessCaregiverResponse()
            response.assessment = .init(stored)
            return response
        }
    }

    func getGuardianship(
        request: Kiosk_Plugins_Guardianship_V1_GetGuardianshipRequest,
        context: ServerContext
    ) async throws -> Kiosk_Plugins_Guardianship_V1_GetGuardianshipResponse {
        let actor = try CoreActor.currentWorker()
        let childID = try RequestField.id(request.childID, field: "child_id")
        let children = self.core.children
        return try await self.store.write { db in
            let child = try children.child(childID, in: db, actor: actor, action: "guardianship.read")
            var response = Kiosk_Plugins_Guardianship_V1_GetGuardianshipResponse()
            if let situation = try StoredSituation.fetch(childID: child.childID, in: db) {
                response.situation = .init(situation)
                response.situationRecorded = true
            }
            response.assessments = try StoredAssessment.all(childID: child.childID, in: db).map { .init($0) }
            response.arrangements = try StoredArrangement.all(childID: child.childID, in: db).map { .init($0) }
            return response
        }
    }

    func listOverdueReviews(
        request: Kiosk_Plugins_Guardianship_V1_ListOverdueReviewsRequest,
        context: ServerContext
    ) async throws -> Kiosk_Plugins_Guardianship_V1_ListOverdueReviewsResponse {
        let actor = try CoreActor.currentWorker()
        let villages = try Self.villageRange(actor: actor, division: request.division)
        let today = self.clock.today()
        let overdue = try await self.store.read { db in try StoredArrangement.overdue(villages: villages, today: today, in: db) }
        var response = Kiosk_Plugins_Guardianship_V1_ListOverdueReviewsResponse()
        response.arrangements = overdue.map { .init($0) }
        return response
    }

    /// The 12-digit village range of the worker's jurisdiction, narrowed to `division` when given.
    static func villageRange(actor: CoreActor, division text: String) throws -> VillageRange {
        guard case .worker = actor else {
            throw RPCError(code: .permissionDenied, message: "review lists are for village, township and county workers")
        }
        return try actor.villageRange(RequestField.division(text))
    }
}
