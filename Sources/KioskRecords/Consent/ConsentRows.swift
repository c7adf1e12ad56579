import KioskPluginKit
import Foundation
import GRDB
import KioskDomain

/// Mapping between `core_consent`, `core_consent_override` and the consent records.
enum ConsentRows {
    static func insert(_ record: ConsentRecord, in db: Database) throws {
        let (givenBy, caregiverID): (String, String?) =
            switch record.givenBy {
            case .caregiver(let id): ("caregiver", id)
            case .child: ("child", nil)
            }
        let (method, witness): (String, String?) =
            switch record.method {
            case .signedPaper: ("signed-paper", nil)
            case .verbal(let worker): ("verbal-witnessed", worker)
            }
        try db.execute(
            sql: """
                INSERT INTO core_consent (consent_id, child_id, purpose, given_by, caregiver_id, method, witness_worker_id,
                    given_on, recorded_by, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                record.consentID, record.childID, record.purpose.id, givenBy, caregiverID, method, witness,
                record.givenOn.isoString, record.recordedBy, record.recordedAt,
            ]
        )
    }

    /// Every consent of the child, newest first.
    static func consents(of childID: String, in db: Database) throws -> [ConsentRecord] {
        try Row.fetchAll(
            db,
            sql: "SELECT * FROM core_consent WHERE child_id = ? ORDER BY given_on DESC, recorded_at DESC, consent_id",
            arguments: [childID]
        ).map(Self.consent(from:))
    }

    /// The child's consent for `purpose` that has not been withdrawn, if any.
    static func unwithdrawn(_ purpose: ConsentPurpose, childID: String, in db: Database) throws -> ConsentRecord? {
        try Row.fetchOne(
            db,
            sql: "SELECT * FROM core_consent WHERE child_id = ? AND purpose = ? AND withdrawn_on IS NULL",
            arguments: [childID, purpose.id]
        ).map(Self.consent(from:))
    }

    /// The child's consent for `purpose` in force on `date`, if any.
    static func inForce(_ purpose: ConsentPurpose, childID: String, on date: CalendarDate, in db: Database) throws -> ConsentRecord? {
        try self.unwithdrawn(purpose, childID: childID, in: db).flatMap { $0.isInForce(on: date) ? $0 : nil }
    }

    /// The child's most recent withdrawn consent for `purpose`, if any.
    static func lastWithdrawn(_ purpose: ConsentPurpose, childID: String, in db: Database) throws -> ConsentRecord? {
        try Row.fetchOne(
            db,
            sql: "SELECT * FROM core_consent WHERE child_id = ? AND purpose = ? AND withdrawn_on IS NOT NULL ORDER BY withdrawn_on DESC LIMIT 1",
            arguments: [childID, purpose.id]
        ).map(Self.consent(from:))
    }

    static func fetch(_ consentID: String, in db: Database) throws -> ConsentRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM core_consent WHERE consent_id = ?", arguments: [consentID]).map(Self.consent(from:))
    }

    static func consent(from row: Row) throws -> ConsentRecord {
        let caregiverID: String? = row["caregiver_id"]
        let witness: String? = row["witness_worker_id"]
        let withdrawnOn: String? = row["withdrawn_on"]
        return ConsentRecord(
            consentID: row["consent_id"],
            childID: row["child_id"],
            purpose: ConsentPurpose(row["purpose"]),
            givenBy: (row["given_by"] as String) == "child" ? .child : .caregiver(caregiverID ?? ""),
            method: (row["method"] as String) == "verbal-witnessed" ? .verbal(witnessWorkerID: witness ?? "") : .signedPaper,
            givenOn: try CalendarDate(iso: row["given_on"]),
            recordedBy: row["recorded_by"],
            recordedAt: row["recorded_at"],
            withdrawal: try withdrawnOn.map { date in
                ConsentRecord.Withdrawal(date: try CalendarDate(iso: date), reason: row["withdrawal_reason"] ?? "", recordedBy: row["withdrawn_by"] ?? "")
            }
        )
    }

    static func override(from row: Row) -> UrgentOverride {
        UrgentOverride(
            overrideID: row["override_id"],
            childID: row["child_id"],
            purpose: ConsentPurpose(row["purpose"]),
            reason: row["reason"],
            recordedBy: row["recorded_by"],
            recordedAt: row["recorded_at"],
            validUntil: row["valid_until"],
            usedByApplicationID: row["used_by_application_id"],
            reviewedBy: row["reviewed_by"],
            reviewedAt: row["reviewed_at"],
            reviewNote: row["review_note"]
        )
    }
}
