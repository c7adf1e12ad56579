import GRDB
import GRPCCore
import KioskPluginKit

/// The kind of the plugin's applications (stored as `civil_registration.hukou`).
enum CaseApplication {
    static let kind = "hukou"
}

/// Keeps a case in step with its application in the core workflow.
///
/// | application | case |
/// |---|---|
/// | submitted, under review, returned, approved | submitted (open) |
/// | rejected by the county | rejected (closed: the child may get a new case) |
/// | appealed | submitted again, unless the child has a newer open case (the appeal is refused) |
/// | withdrawn | withdrawn (closed) |
/// | activated and closed | registered or refused: only the plugin does this, at RecordOutcome |
struct CaseHooks: ApplicationHooks {
    func willTransition(_ change: ApplicationChange, in db: Database) throws {
        switch change.action {
        case .activate, .suspend, .resume, .close:
            guard case .system = change.actor else {
                throw RPCError(
                    code: .failedPrecondition,
                    message: "cannot \(change.action.rawValue): a household registration application is completed when "
                        + "the police's outcome is recorded (CivilRegistration/RecordOutcome)"
                )
            }
        case .appeal:
            guard let row = try CaseTable.fetch(applicationID: change.application.applicationID, in: db),
                let open = try CaseTable.openCaseID(childID: row.childID, in: db), open != row.caseID
            else { return }
            throw RPCError(
                code: .failedPrecondition,
                message: "cannot appeal: child \(row.childID) has a newer open case \(open); a child has one case under way at a time"
            )
        default:
            return
        }
    }

    func didTransition(_ change: ApplicationChange, in db: Database) throws {
        guard var row = try CaseTable.fetch(applicationID: change.application.applicationID, in: db) else { return }
        switch change.action {
        case .reject, .withdraw:
            row.state = change.action == .reject ? .rejected : .withdrawn
            row.outcomeDate = change.effectiveDate
            row.outcomeNote = change.reason
        case .appeal:
            row.state = .submitted
            row.outcomeDate = nil
            row.outcomeNote = ""
        default:
            return
        }
        try CaseTable.update(row, in: db)
    }
}
