public import KioskPluginKit
public import Foundation
public import GRDB

/// Removes what identifies a child from an expired record, keeping what reports count.
///
/// Removed: the child's name and its pinyin, identity number, day and month of birth (the date
/// becomes 1 July of the birth year), visits' observations, the reasons written on the child's
/// application steps, consents and urgent overrides, and work items' resolutions; once no child of
/// a household keeps an identified record, its caregivers' names and phones and its address. Kept:
/// ids, sex, birth year, village, hukou status, categories, visit dates and risk levels,
/// applications with their kinds, states and payloads, and the audit log.
public enum Deidentification {
    /// How the audit log names the retention service.
    public static let actor = CoreActor.system("core")

    /// De-identifies the records of `childIDs` (not yet de-identified ones; others are skipped),
    /// each audited as `retention.de-identify`; returns how many were de-identified.
    public static func run(_ childIDs: [String], at now: Date, in db: Database) throws -> Int {
        var households: Set<String> = []
        var count = 0
        for childID in childIDs {
            guard let row = try Row.fetchOne(
                db, sql: "SELECT household_id FROM core_child WHERE child_id = ? AND deidentified_at IS NULL", arguments: [childID]
            ) else { continue }
            if let household: String = row["household_id"] { households.insert(household) }
            try self.deidentifyChild(childID, at: now, in: db)
            try AuditLog.append(in: db, at: now, actor: self.actor, action: "retention.de-identify", childID: childID)
            count += 1
        }
        for household in households.sorted() { try self.deidentifyHouseholdIfDone(household, in: db) }
        return count
    }

    private static func deidentifyChild(_ childID: String, at now: Date, in db: Database) throws {
        try db.execute(
            sql: """
                UPDATE core_child SET name = '', name_pinyin = '', name_pinyin_compact = '', identity_number = NULL,
                    birth_date = substr(birth_date, 1, 4) || '-07-01', deidentified_at = ?, version = version + 1, updated_at = ?
                WHERE child_id = ?;
                UPDATE core_visit SET observations = '' WHERE child_id = ?;
                UPDATE core_application_event SET reason = '' WHERE child_id = ?;
                UPDATE core_consent SET withdrawal_reason = CASE WHEN withdrawal_reason IS NULL THEN NULL ELSE '' END WHERE child_id = ?;
                UPDATE core_consent_override SET reason = '', review_note = CASE WHEN review_note IS NULL THEN NULL ELSE '' END
                    WHERE child_id = ?;
                UPDATE core_work_item SET resolution = CASE WHEN resolution IS NULL THEN NULL ELSE '' END WHERE child_id = ?;
                """,
            arguments: [now, now, childID, childID, childID, childID, childID, childID]
        )
    }

    private static func deidentifyHouseholdIfDone(_ householdID: String, in db: Database) throws {
        let identified = try Int.fetchOne(
            db, sql: "SELECT count(*) FROM core_child WHERE household_id = ? AND deidentified_at IS NULL", arguments: [householdID]
        ) ?? 0
        guard identified == 0 else { return }
        try db.execute(
            sql: """
                UPDATE core_caregiver SET name = '', phone = '' WHERE household_id = ?;
                UPDATE core_household SET address = '' WHERE household_id = ?;
                """,
            arguments: [householdID, householdID]
        )
    }
}
