import GRDB
import KioskDomain
import KioskPluginKit

/// Records each support application the county approves in `nutrition_support`, with the day of
/// the approval and the child's village, so that the reports count support received from the
/// plugin's own rows.
struct SupportHooks: ApplicationHooks {
    func didTransition(_ change: ApplicationChange, in db: Database) throws {
        guard change.action == .approve else { return }
        let application = change.application
        try db.execute(
            sql: """
                INSERT OR IGNORE INTO nutrition_support (application_id, child_id, village, kind, approved_on)
                VALUES (?, ?, ?, ?, ?)
                """,
            arguments: [
                application.applicationID, application.childID, application.village.digits,
                String(application.kind.drop { $0 != "." }.dropFirst()), change.effectiveDate.isoString,
            ]
        )
    }
}
