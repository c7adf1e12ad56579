import KioskStore
import KioskPluginKit
import Foundation
import GRDB
import GRPCCore

extension CoreConsentRegistry {
    /// What lets a submission through.
    enum Clearance: Equatable {
        /// The kind needs no consent (or its plugin declares no kinds yet).
        case notNeeded
        /// A consent in force, by id.
        case consent(String)
        /// An unused urgent override, by id; the submission uses it up.
        case override(String)
    }

    /// Checks the consent a submission of `kind` (without the plugin prefix) by `pluginID` needs.
    ///
    /// A plugin that declares application kinds may submit only those: another kind is INTERNAL (a
    /// mistake its own tests find). A plugin that declares none is not checked (the host warns at
    /// start). Without the consent in force today and without an unused, unexpired urgent override,
    /// the submission is FAILED_PRECONDITION naming the purpose and the child, audited as a refusal.
    func clearance(forKind kind: String, of pluginID: String, childID: String, in db: Database, actor: CoreActor) throws -> Clearance {
        guard let plugin = self.purposes.installedPlugins.first(where: { $0.id == pluginID }), !plugin.applicationKinds.isEmpty else {
            return .notNeeded
        }
        guard let declaration = plugin.applicationKinds.first(where: { $0.kind == kind }) else {
            throw RPCError(
                code: .internalError,
                message: "plugin '\(pluginID)' submits application kind '\(kind)' without declaring it in its metadata's applicationKinds"
            )
        }
        guard let purpose = declaration.consent else { return .notNeeded }
        if let consent = try ConsentRows.inForce(purpose, childID: childID, on: self.clock.today(), in: db) {
            return .consent(consent.consentID)
        }
        if let overrideID = try String.fetchOne(
            db,
            sql: """
                SELECT override_id FROM core_consent_override
                WHERE child_id = ? AND purpose = ? AND used_by_application_id IS NULL AND valid_until > ?
                ORDER BY recorded_at, override_id LIMIT 1
                """,
            arguments: [childID, purpose.id, self.clock.now()]
        ) {
            return .override(overrideID)
        }
        throw AuditedRefusal(
            RPCError(code: .failedPrecondition, message: try self.missingConsentMessage(purpose, kind: "\(pluginID).\(kind)", childID: childID, in: db)),
            at: self.clock.now(), actor: actor, action: "applications.submit", childID: childID, outcome: "refused: no consent for \(purpose)"
        )
    }

    /// Uses up an override for `applicationID`, audited.
    func use(override overrideID: String, for applicationID: String, childID: String, in db: Database, actor: CoreActor) throws {
        let now = self.clock.now()
        try db.execute(
            sql: "UPDATE core_consent_override SET used_by_application_id = ?, used_at = ? WHERE override_id = ?",
            arguments: [applicationID, now, overrideID]
        )
        try AuditLog.append(
            in: db, at: now, actor: actor, action: "consent.use-urgent-override", childID: childID, applicationID: applicationID,
            outcome: "override \(overrideID)"
        )
    }

    private func missingConsentMessage(_ purpose: ConsentPurpose, kind: String, childID: String, in db: Database) throws -> String {
        let state: String
        if let withdrawn = try ConsentRows.lastWithdrawn(purpose, childID: childID, in: db), let withdrawal = withdrawn.withdrawal {
            state = "child \(childID)'s consent for \(purpose) was withdrawn on \(withdrawal.date)"
        } else {
            state = "child \(childID) has no consent for \(purpose) on record"
        }
        return "\(state); application kind \(kind) needs it. Record the guardian's consent (Consent/RecordConsent) or, "
            + "if the child is at risk, a township or county worker records an urgent override (Consent/RecordUrgentOverride)"
    }
}
