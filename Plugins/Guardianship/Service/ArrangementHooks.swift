import GRDB
import SwiftProtobuf
import KioskDomain
import KioskPluginKit

/// Keeps the plugin's arrangements and their applications in step, whichever side moves first.
///
/// | application | arrangement |
/// |---|---|
/// | activated | in effect from the effective date; the arrangement it replaces ends (`replaced`) and its application is closed by the plugin |
/// | suspended by the county | suspended: no reviews, off the overdue list |
/// | resumed | in effect again, with its review due date unchanged |
/// | closed by the county | ended (`other`, the county's reason in the note) |
/// | (EndArrangement) | closed by the plugin |
struct ArrangementHooks: ApplicationHooks {
    let applications: any ApplicationWorkflow
    let schedule: ReviewSchedule
    /// The plugin acting on its own, to close the applications of replaced arrangements.
    let system: CoreActor

    func didTransition(_ change: ApplicationChange, in db: Database) throws {
        if change.action == .activate { return try self.start(change, in: db) }
        guard var arrangement = try StoredArrangement.fetch(change.application.applicationID, in: db), arrangement.inEffect else { return }
        switch change.action {
        case .suspend:
            arrangement.suspendedOn = change.effectiveDate
            arrangement.suspensionReason = change.reason
            try arrangement.saveSuspension(in: db)
        case .resume:
            arrangement.suspendedOn = nil
            arrangement.suspensionReason = nil
            try arrangement.saveSuspension(in: db)
        case .close:
            arrangement.endedOn = change.effectiveDate
            arrangement.endReason = .other
            arrangement.endNote = "application closed: \(change.reason)"
            try arrangement.saveEnd(in: db)
        default: return
        }
    }

    private func start(_ change: ApplicationChange, in db: Database) throws {
        let application = change.application
        let request = try Kiosk_Plugins_Guardianship_V1_SubmitArrangementRequest(serializedBytes: application.payload)
        guard let type = try? ArrangementType(wire: request.type) else { return }
        let started = change.effectiveDate
        for current in try StoredArrangement.all(childID: application.childID, in: db) where current.inEffect {
            try self.replace(current, by: application.applicationID, on: started, in: db)
        }
        let risk = try StoredAssessment.latest(childID: application.childID, in: db)?.riskLevel
        try StoredArrangement(
            arrangementID: application.applicationID, childID: application.childID, village: application.village.digits,
            type: type, caregiver: ArrangementRequest.caregiver(of: request), startedOn: started, riskLevel: risk,
            reviewIntervalMonths: self.schedule.intervalMonths(for: risk), nextReviewDue: self.schedule.nextDue(after: started, risk: risk)
        ).insert(in: db)
    }

    /// Ends `current` as replaced and closes its application, so that no replaced arrangement's application stays active.
    private func replace(_ current: StoredArrangement, by newID: String, on date: CalendarDate, in db: Database) throws {
        var ended = current
        ended.endedOn = date
        ended.endReason = .replaced
        ended.endNote = "replaced by \(newID)"
        try ended.saveEnd(in: db)
        let old = try self.applications.application(current.arrangementID, in: db, actor: self.system, action: "guardianship.replace")
        guard [.active, .suspended].contains(old.state) else { return }
        _ = try self.applications.transition(
            old.applicationID, action: .close, reason: "replaced by arrangement \(newID)", effectiveDate: date,
            expectedVersion: nil, in: db, actor: self.system
        )
    }
}
