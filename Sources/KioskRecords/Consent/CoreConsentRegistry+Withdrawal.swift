import KioskStore
public import KioskPluginKit
import Foundation
public import GRDB
import GRPCCore
public import KioskDomain

extension CoreConsentRegistry {
    /// What withdrawing a consent did.
    public struct WithdrawalOutcome: Sendable, Hashable {
        /// The consent, with its withdrawal.
        public var consent: ConsentRecord
        /// The child's applications still open whose kind needs the purpose.
        public var openApplicationIDs: [String]
        /// The work-list item raised for them (kind `consent-withdrawn:<purpose>`), if there were any.
        public var workItem: WorkItem?
    }

    /// The states in which an application still uses the child's data for its purpose.
    static let openStates: [ApplicationState] = [.submitted, .townshipReview, .countyReview, .returned, .approved, .active, .suspended]

    /// Withdraws a consent on `date` (today when nil): the record stays, with the withdrawal, and
    /// new submissions that need the purpose are refused from then on. When the child has open
    /// applications of kinds that need the purpose, an urgent work-list item names them for the
    /// township to decide on.
    ///
    /// NOT_FOUND outside the jurisdiction; FAILED_PRECONDITION when already withdrawn; INVALID_ARGUMENT
    /// for a missing reason or a date in the future or before the consent was given.
    public func withdraw(_ consentID: String, reason: String, on date: CalendarDate?, in db: Database, actor: CoreActor) throws -> WithdrawalOutcome {
        let unconfined = SQLGuard.suspend(db)
        defer { unconfined.restore() }
        try self.grants.require(.consent)
        let action = "consent.withdraw"
        let notFound = RPCError(code: .notFound, message: "no consent '\(consentID)' in your jurisdiction")
        guard let consent = try ConsentRows.fetch(consentID, in: db) else {
            throw AuditedRefusal(notFound, at: self.clock.now(), actor: actor, action: action, childID: nil, outcome: "not-found")
        }
        _ = try self.visibleChild(consent.childID, in: db, actor: actor, action: action, notFound: notFound)
        if let withdrawal = consent.withdrawal {
            throw RPCError(code: .failedPrecondition, message: "consent \(consentID) was already withdrawn on \(withdrawal.date)")
        }
        let reason = try RequestField.text(reason, field: "reason", maximumLength: 1000)
        let today = self.clock.today()
        let date = date ?? today
        guard date <= today else { throw invalid("withdrawn_on: \(date) is in the future (today is \(today))") }
        guard date >= consent.givenOn else { throw invalid("withdrawn_on: \(date) is before the consent was given (\(consent.givenOn))") }
        let now = self.clock.now()
        try db.execute(
            sql: "UPDATE core_consent SET withdrawn_on = ?, withdrawal_reason = ?, withdrawn_by = ?, withdrawn_at = ? WHERE consent_id = ?",
            arguments: [date.isoString, reason, actor.name, now, consentID]
        )
        try AuditLog.append(in: db, at: now, actor: actor, action: action, childID: consent.childID)
        let open = try self.openApplications(of: consent.childID, needing: consent.purpose, in: db)
        let item = try open.isEmpty ? nil : self.raiseWithdrawalItem(consent.purpose, childID: consent.childID, on: date, open: open, in: db, actor: actor)
        return WithdrawalOutcome(consent: try ConsentRows.fetch(consentID, in: db) ?? consent, openApplicationIDs: open, workItem: item)
    }

    /// The child's open applications whose kind needs `purpose`, by id.
    func openApplications(of childID: String, needing purpose: ConsentPurpose, in db: Database) throws -> [String] {
        let kinds = self.purposes.kinds(needing: purpose)
        guard !kinds.isEmpty else { return [] }
        let states = Self.openStates.map(\.rawValue)
        return try String.fetchAll(
            db,
            sql: """
                SELECT application_id FROM core_application
                WHERE child_id = ? AND kind IN (\(databaseQuestionMarks(count: kinds.count)))
                    AND state IN (\(databaseQuestionMarks(count: states.count)))
                ORDER BY application_id
                """,
            arguments: StatementArguments([childID] + kinds + states)
        )
    }

    private func raiseWithdrawalItem(
        _ purpose: ConsentPurpose, childID: String, on date: CalendarDate, open: [String], in db: Database, actor: CoreActor
    ) throws -> WorkItem {
        let workList = CoreWorkList(grants: .core, clock: self.clock)
        return try workList.raise(
            kind: "consent-withdrawn:\(purpose.id)",
            childID: childID,
            urgency: .urgent,
            summary: "consent for \(purpose) withdrawn on \(date); open applications needing it: \(open.joined(separator: ", "))",
            in: db,
            actor: actor
        )
    }
}
