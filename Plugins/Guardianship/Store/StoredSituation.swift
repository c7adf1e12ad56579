import GRDB
import KioskDomain

/// A child's recorded situation.
struct StoredSituation: Sendable, Hashable {
    var childID: String
    var village: String
    var situation: CareSituation
    var recordedOn: CalendarDate
    var recordedBy: String
    var urgentItemID: String?

    func save(in db: Database) throws {
        let s = self.situation
        try db.execute(
            sql: """
                INSERT OR REPLACE INTO guardianship_situation (child_id, village, mother_status, mother_migrated_to,
                    mother_migrated_since, father_status, father_migrated_to, father_migrated_since, caregiver_name,
                    caregiver_relationship, caregiver_age, recorded_on, recorded_by, urgent_item_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                self.childID, self.village, s.mother.status.rawValue, s.mother.migratedTo, s.mother.migratedSince?.isoString,
                s.father.status.rawValue, s.father.migratedTo, s.father.migratedSince?.isoString, s.caregiver?.name,
                s.caregiver?.relationship.rawValue, s.caregiver?.age, self.recordedOn.isoString, self.recordedBy, self.urgentItemID,
            ]
        )
    }

    static func fetch(childID: String, in db: Database) throws -> StoredSituation? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM guardianship_situation WHERE child_id = ?", arguments: [childID]) else {
            return nil
        }
        func parent(_ prefix: String) throws -> ParentSituation {
            ParentSituation(
                status: ParentStatus(rawValue: row["\(prefix)_status"]) ?? .missing,
                migratedTo: row["\(prefix)_migrated_to"],
                migratedSince: try (row["\(prefix)_migrated_since"] as String?).map { try CalendarDate(iso: $0) }
            )
        }
        let caregiver: CareProvider? = (row["caregiver_name"] as String?).map { name in
            CareProvider(
                name: name,
                relationship: CaregiverRelationship(rawValue: row["caregiver_relationship"] ?? "") ?? .otherAdult,
                age: row["caregiver_age"] ?? 0
            )
        }
        return StoredSituation(
            childID: row["child_id"],
            village: row["village"],
            situation: CareSituation(mother: try parent("mother"), father: try parent("father"), caregiver: caregiver),
            recordedOn: try CalendarDate(iso: row["recorded_on"]),
            recordedBy: row["recorded_by"],
            urgentItemID: row["urgent_item_id"]
        )
    }
}
