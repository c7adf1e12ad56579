import GRDB
import SwiftProtobuf
import KioskDomain
import KioskPluginKit

/// Keeps the plugin's arrangements in step with the workflow: an activated application becomes the
/// arrangement in effect (ending the one it replaces) with its review schedule; a closed one ends.
struct ArrangementHooks: ApplicationHooks {
    func didTransition(_ change: ApplicationChange, in db: Database) throws {
        switch change.action {
        case .activate: try self.start(change, in: db)
        case .close:
            guard var arrangement = try StoredArrangement.fetch(change.application.applicationID, in: db), arrangement.inEffect else { return }
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
        let caregiver = ArrangementRequest.caregiver(of: request)
        let started = change.effectiveDate
        for var current in try StoredArrangement.all(childID: application.childID, in: db) where current.inEffect {
            current.endedOn = started
            current.endReason = .replaced
            current.endNote = "replaced by \(application.applicationID)"
            try current.saveEnd(in: db)
        }
        let risk = try StoredAssessment.latest(childID: application.childID, in: db)?.riskLevel
        try StoredArrangement(
            arrangementID: application.applicationID, childID: application.childID, village: application.village.digits,
            type: type, caregiver: caregiver, startedOn: started, riskLevel: risk,
            reviewIntervalMonths: ReviewSchedule.intervalMonths(for: risk), nextReviewDue: ReviewSchedule.nextDue(after: started, risk: risk)
        ).insert(in: db)
    }
}
