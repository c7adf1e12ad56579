import Foundation
import GRDB
import GRPCCore
import KioskDomain
import KioskPluginKit

extension GuardianshipService {
    func submitArrangement(
        request: Kiosk_Plugins_Guardianship_V1_SubmitArrangementRequest,
        context: ServerContext
    ) async throws -> Kiosk_Plugins_Guardianship_V1_SubmitArrangementResponse {
        let actor = try CoreActor.currentWorker()
        let childID = try RequestField.id(request.childID, field: "child_id")
        let today = self.clock.today()
        let arrangement = try ArrangementRequest(checking: request, today: today)
        let (children, applications, validDays) = (self.core.children, self.core.applications, self.assessmentValidDays)
        return try await self.store.write { db in
            let child = try children.child(childID, in: db, actor: actor, action: "guardianship.submit-arrangement")
            let checks = ArrangementRules.checks(
                for: arrangement,
                situation: try StoredSituation.fetch(childID: child.childID, in: db)?.situation,
                assessment: try StoredAssessment.latest(childID: child.childID, in: db),
                childAge: child.age(on: today),
                today: today,
                assessmentValidDays: validDays
            )
            let application = try applications.submit(
                kind: arrangement.type.rawValue, childID: child.childID,
                summary: "Care arrangement: \(arrangement.type.rawValue) with \(arrangement.caregiver.relationship.rawValue)",
                payload: request, checks: checks, in: db, actor: actor
            )
            var response = Kiosk_Plugins_Guardianship_V1_SubmitArrangementResponse()
            response.applicationID = application.applicationID
            response.checks = checks.map(Kiosk_Plugins_Guardianship_V1_EligibilityCheck.init)
            return response
        }
    }

    func recordReview(
        request: Kiosk_Plugins_Guardianship_V1_RecordReviewRequest,
        context: ServerContext
    ) async throws -> Kiosk_Plugins_Guardianship_V1_RecordReviewResponse {
        let actor = try CoreActor.currentWorker()
        let arrangementID = try Self.arrangementID(request.arrangementID, actor: actor)
        let (children, clock, schedule) = (self.core.children, self.clock, self.schedule)
        let today = clock.today()
        let reviewedOn = try RequestField.pastDate(request.reviewedOn, field: "reviewed_on", today: today)
        let notes = try RequestField.text(request.notes, field: "notes", maximumLength: 1000)
        return try await self.store.write { db in
            var arrangement = try Self.arrangementInEffect(arrangementID, children: children, actor: actor, action: "guardianship.review", in: db)
            if let suspended = arrangement.suspendedOn {
                throw RPCError(
                    code: .failedPrecondition,
                    message: "arrangement \(arrangementID) is suspended since \(suspended) (\(arrangement.suspensionReason ?? "")); "
                        + "the county resumes it before it is reviewed"
                )
            }
            guard reviewedOn >= arrangement.startedOn else {
                throw RPCError.invalidArgument("reviewed_on: \(reviewedOn) is before the arrangement started on \(arrangement.startedOn)")
            }
            let risk = try StoredAssessment.latest(childID: arrangement.childID, in: db)?.riskLevel
            arrangement.lastReviewedOn = reviewedOn
            arrangement.riskLevel = risk
            arrangement.reviewIntervalMonths = schedule.intervalMonths(for: risk)
            arrangement.nextReviewDue = schedule.nextDue(after: reviewedOn, risk: risk)
            try arrangement.saveReview(in: db)
            try db.execute(
                sql: """
                    INSERT INTO guardianship_review (review_id, arrangement_id, reviewed_on, notes, reviewed_by, recorded_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [RecordID.make("R"), arrangement.arrangementID, reviewedOn.isoString, notes, actor.name, clock.now()]
            )
            var response = Kiosk_Plugins_Guardianship_V1_RecordReviewResponse()
            response.arrangement = .init(arrangement)
            return response
        }
    }

    func endArrangement(
        request: Kiosk_Plugins_Guardianship_V1_EndArrangementRequest,
        context: ServerContext
    ) async throws -> Kiosk_Plugins_Guardianship_V1_EndArrangementResponse {
        let actor = try CoreActor.currentWorker()
        let arrangementID = try Self.arrangementID(request.arrangementID, actor: actor)
        let endedOn = try RequestField.pastDate(request.endedOn, field: "ended_on", today: self.clock.today())
        let reason = try EndReason(wire: request.reason)
        let note = try RequestField.optionalText(request.note, field: "note", maximumLength: 500)
        guard reason != .replaced else { throw RPCError.invalidArgument("reason: replaced is recorded when a new arrangement is activated") }
        guard reason != .other || !note.isEmpty else { throw RPCError.invalidArgument("note: is required when the reason is other") }
        let (children, applications, system) = (self.core.children, self.core.applications, CoreActor.system(self.pluginID))
        return try await self.store.write { db in
            var arrangement = try Self.arrangementInEffect(arrangementID, children: children, actor: actor, action: "guardianship.end", in: db)
            guard endedOn >= arrangement.startedOn else {
                throw RPCError.invalidArgument("ended_on: \(endedOn) is before the arrangement started on \(arrangement.startedOn)")
            }
            if reason == .turned18 {
                let child = try children.child(arrangement.childID, in: db, actor: actor, action: "guardianship.end")
                let age = child.age(on: endedOn)
                guard age >= 18 else {
                    throw RPCError(code: .failedPrecondition, message: "the child is \(age) on \(endedOn), not 18")
                }
            }
            arrangement.endedOn = endedOn
            arrangement.endReason = reason
            arrangement.endNote = note.isEmpty ? nil : note
            try arrangement.saveEnd(in: db)
            let application = try applications.application(arrangement.arrangementID, in: db, actor: system, action: "guardianship.end")
            if [.active, .suspended].contains(application.state) {
                _ = try applications.transition(
                    application.applicationID, action: .close, reason: "arrangement ended: \(reason.rawValue)",
                    effectiveDate: endedOn, expectedVersion: nil, in: db, actor: system
                )
            }
            var response = Kiosk_Plugins_Guardianship_V1_EndArrangementResponse()
            response.arrangement = .init(arrangement)
            return response
        }
    }

    /// The request's arrangement id; PERMISSION_DENIED for operators, who read and change no child's
    /// records (as every other call of the plugins answers them).
    static func arrangementID(_ text: String, actor: CoreActor) throws -> String {
        if case .worker(let caller) = actor, caller.role == .operator {
            throw RPCError(code: .permissionDenied, message: "operators do not read or change children's records")
        }
        return try RequestField.id(text, field: "arrangement_id")
    }

    /// The arrangement, if in the actor's jurisdiction (NOT_FOUND otherwise) and in effect (FAILED_PRECONDITION otherwise).
    static func arrangementInEffect(
        _ arrangementID: String, children: any ChildRegistry, actor: CoreActor, action: String, in db: Database
    ) throws -> StoredArrangement {
        guard let arrangement = try StoredArrangement.fetch(arrangementID, in: db),
            let village = try? DivisionCode(arrangement.village), actor.canSee(village)
        else {
            throw RPCError(code: .notFound, message: "no arrangement '\(arrangementID)' in your jurisdiction")
        }
        // Reading the child through the registry writes the audit entry.
        _ = try children.child(arrangement.childID, in: db, actor: actor, action: action)
        guard arrangement.inEffect else {
            throw RPCError(
                code: .failedPrecondition,
                message: "arrangement \(arrangementID) ended on \(arrangement.endedOn?.isoString ?? "?") (\(arrangement.endReason?.rawValue ?? "?"))"
            )
        }
        return arrangement
    }
}
