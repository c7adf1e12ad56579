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
        guard !request.childID.isEmpty else { throw invalid("child_id is required") }
        let today = self.clock.today()
        let arrangement = try ArrangementRequest(checking: request, today: today)
        let (children, applications) = (self.core.children, self.core.applications)
        return try await self.store.write { db in
            let child = try children.child(request.childID, in: db, actor: actor, action: "guardianship.submit-arrangement")
            let checks = ArrangementRules.checks(
                for: arrangement,
                situation: try StoredSituation.fetch(childID: child.childID, in: db)?.situation,
                assessment: try StoredAssessment.latest(childID: child.childID, in: db),
                childAge: child.age(on: today),
                today: today
            )
            let application = try applications.submit(
                kind: arrangement.type.rawValue, childID: child.childID,
                summary: "Care arrangement: \(arrangement.type.rawValue) with \(arrangement.caregiver.relationship.rawValue)",
                payload: request, checks: checks, in: db, actor: actor
            )
            var response = Kiosk_Plugins_Guardianship_V1_SubmitArrangementResponse()
            response.applicationID = application.applicationID
            response.checks = checks.map { check in
                var wire = Kiosk_Plugins_Guardianship_V1_EligibilityCheck()
                wire.rule = check.rule
                wire.passed = check.passed
                wire.explanation = check.explanation
                return wire
            }
            return response
        }
    }

    func recordReview(
        request: Kiosk_Plugins_Guardianship_V1_RecordReviewRequest,
        context: ServerContext
    ) async throws -> Kiosk_Plugins_Guardianship_V1_RecordReviewResponse {
        let actor = try CoreActor.currentWorker()
        let reviewedOn = try date(request.reviewedOn, field: "reviewed_on")
        let notes = request.notes.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !notes.isEmpty, notes.count <= 1000 else { throw invalid("notes are required (at most 1000 characters)") }
        let (children, clock) = (self.core.children, self.clock)
        let today = clock.today()
        guard reviewedOn <= today else { throw invalid("reviewed_on \(reviewedOn) is in the future") }
        return try await self.store.write { db in
            var arrangement = try Self.arrangementInEffect(request.arrangementID, children: children, actor: actor, action: "guardianship.review", in: db)
            guard reviewedOn >= arrangement.startedOn else {
                throw invalid("reviewed_on \(reviewedOn) is before the arrangement started on \(arrangement.startedOn)")
            }
            let risk = try StoredAssessment.latest(childID: arrangement.childID, in: db)?.riskLevel
            arrangement.lastReviewedOn = reviewedOn
            arrangement.riskLevel = risk
            arrangement.reviewIntervalMonths = ReviewSchedule.intervalMonths(for: risk)
            arrangement.nextReviewDue = ReviewSchedule.nextDue(after: reviewedOn, risk: risk)
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
        let endedOn = try date(request.endedOn, field: "ended_on")
        let reason = try EndReason(wire: request.reason)
        let note = request.note.trimmingCharacters(in: .whitespacesAndNewlines)
        guard reason != .replaced else { throw invalid("reason replaced is recorded when a new arrangement is activated") }
        guard reason != .other || !note.isEmpty else { throw invalid("note is required when the reason is other") }
        guard note.count <= 500 else { throw invalid("note is longer than 500 characters") }
        let (children, applications, system) = (self.core.children, self.core.applications, CoreActor.system(self.pluginID))
        let today = self.clock.today()
        guard endedOn <= today else { throw invalid("ended_on \(endedOn) is in the future") }
        return try await self.store.write { db in
            var arrangement = try Self.arrangementInEffect(request.arrangementID, children: children, actor: actor, action: "guardianship.end", in: db)
            guard endedOn >= arrangement.startedOn else {
                throw invalid("ended_on \(endedOn) is before the arrangement started on \(arrangement.startedOn)")
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

    /// The arrangement, if in the actor's jurisdiction (NOT_FOUND otherwise) and in effect (FAILED_PRECONDITION otherwise).
    static func arrangementInEffect(
        _ arrangementID: String, children: any ChildRegistry, actor: CoreActor, action: String, in db: Database
    ) throws -> StoredArrangement {
        guard !arrangementID.isEmpty else { throw invalid("arrangement_id is required") }
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
