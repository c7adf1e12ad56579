import Foundation
import GRDB
import KioskDomain
import KioskPluginKit

/// A rule evaluation recorded with a step of an application, with its inputs in the explanations.
struct DecisionEntry: Sendable, Hashable {
    var stage: String
    var actor: String
    var at: Date
    var evaluatedOn: CalendarDate
    var checks: [CheckResult]
}

/// The plugin's decision table: every evaluation of the rules, so reviewers, appeals and audits can see why.
enum DecisionLog {
    static func record(_ entry: DecisionEntry, applicationID: String, in db: Database) throws {
        let checks = String(decoding: try JSONEncoder().encode(entry.checks), as: UTF8.self)
        try db.execute(
            sql: "INSERT INTO allowances_decision (application_id, stage, actor, at, evaluated_on, checks) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [applicationID, entry.stage, entry.actor, entry.at, entry.evaluatedOn.isoString, checks]
        )
    }

    static func entries(applicationID: String, in db: Database) throws -> [DecisionEntry] {
        try Row.fetchAll(
            db,
            sql: "SELECT * FROM allowances_decision WHERE application_id = ? ORDER BY seq",
            arguments: [applicationID]
        ).map { row in
            DecisionEntry(
                stage: row["stage"], actor: row["actor"], at: row["at"],
                evaluatedOn: try CalendarDate(iso: row["evaluated_on"]),
                checks: try JSONDecoder().decode([CheckResult].self, from: Data((row["checks"] as String).utf8))
            )
        }
    }
}
