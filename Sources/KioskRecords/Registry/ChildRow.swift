import KioskStore
import KioskPluginKit
import Foundation
import GRDB
import GRPCCore
import KioskDomain

/// Mapping between the registry's tables and ``ChildRecord``.
enum ChildRow {
    static func record(from row: Row) throws -> ChildRecord {
        let identity: String? = row["identity_number"]
        let birthDate = try CalendarDate(iso: row["birth_date"])
        let details = ChildDetails(
            name: row["name"],
            sex: Sex(rawValue: row["sex"]) ?? .female,
            birthDate: birthDate,
            village: try DivisionCode(row["village"]),
            identityNumber: try identity.map { try ResidentIdentityNumber($0, today: birthDate.adding(years: 200)) },
            hukouStatus: HukouStatus(rawValue: row["hukou_status"]) ?? .unregistered,
            householdID: row["household_id"]
        )
        return ChildRecord(
            childID: row["child_id"],
            details: details,
            namePinyin: row["name_pinyin"],
            version: row["version"],
            createdAt: row["created_at"],
            updatedAt: row["updated_at"]
        )
    }

    static func categories(of childID: String, in db: Database) throws -> [ChildCategory] {
        try Row.fetchAll(db, sql: "SELECT * FROM core_child_category WHERE child_id = ? ORDER BY kind", arguments: [childID])
            .compactMap(self.category(from:))
    }

    static func categories(of childIDs: [String], in db: Database) throws -> [String: [ChildCategory]] {
        guard !childIDs.isEmpty else { return [:] }
        let marks = databaseQuestionMarks(count: childIDs.count)
        let rows = try Row.fetchAll(
            db,
            sql: "SELECT * FROM core_child_category WHERE child_id IN (\(marks)) ORDER BY kind",
            arguments: StatementArguments(childIDs)
        )
        var result: [String: [ChildCategory]] = [:]
        for row in rows {
            if let category = self.category(from: row) { result[row["child_id"], default: []].append(category) }
        }
        return result
    }

    static func category(from row: Row) -> ChildCategory? {
        guard let kind = ChildCategory.Kind(rawValue: row["kind"]) else { return nil }
        let since: String? = row["since"]
        let type: String? = row["disability_type"]
        return ChildCategory(
            kind,
            disabilityType: type.flatMap(ChildCategory.DisabilityType.init(rawValue:)),
            disabilityGrade: row["disability_grade"],
            since: since.flatMap { try? CalendarDate(iso: $0) }
        )
    }

    static func caregivers(of childID: String, in db: Database) throws -> [ChildCaregiver] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT l.caregiver_id, l.relationship, l.is_primary, c.name
                FROM core_child_caregiver l JOIN core_caregiver c USING (caregiver_id)
                WHERE l.child_id = ? ORDER BY l.is_primary DESC, c.name
                """,
            arguments: [childID]
        ).map { row in
            ChildCaregiver(
                caregiverID: row["caregiver_id"],
                relationship: ChildCaregiver.Relationship(rawValue: row["relationship"]) ?? .other,
                primary: row["is_primary"],
                name: row["name"]
            )
        }
    }

    /// Writes the record's row, categories and caregiver links.
    static func save(_ record: ChildRecord, in db: Database, inserting: Bool) throws {
        let details = record.details
        let pinyin = PinyinKey(details.name)
        let arguments: StatementArguments = [
            record.childID, details.name, pinyin.spaced, pinyin.compact, details.sex.rawValue, details.birthDate.isoString,
            details.village.digits, details.identityNumber?.normalized, details.hukouStatus.rawValue, details.householdID,
            record.version, record.createdAt, record.updatedAt,
        ]
        if inserting {
            try db.execute(
                sql: """
                    INSERT INTO core_child (child_id, name, name_pinyin, name_pinyin_compact, sex, birth_date, village,
                        identity_number, hukou_status, household_id, version, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: arguments
            )
        } else {
            try db.execute(
                sql: """
                    UPDATE core_child SET name = ?2, name_pinyin = ?3, name_pinyin_compact = ?4, sex = ?5, birth_date = ?6,
                        village = ?7, identity_number = ?8, hukou_status = ?9, household_id = ?10, version = ?11,
                        created_at = ?12, updated_at = ?13
                    WHERE child_id = ?1
                    """,
                arguments: arguments
            )
            try db.execute(sql: "DELETE FROM core_child_category WHERE child_id = ?", arguments: [record.childID])
            try db.execute(sql: "DELETE FROM core_child_caregiver WHERE child_id = ?", arguments: [record.childID])
        }
        for category in details.categories {
            try db.execute(
                sql: "INSERT INTO core_child_category (child_id, kind, disability_type, disability_grade, since) VALUES (?, ?, ?, ?, ?)",
                arguments: [
                    record.childID, category.kind.rawValue, category.disabilityType?.rawValue, category.disabilityGrade,
                    category.since?.isoString,
                ]
            )
        }
        for link in details.caregivers {
            try db.execute(
                sql: "INSERT INTO core_child_caregiver (child_id, caregiver_id, relationship, is_primary) VALUES (?, ?, ?, ?)",
                arguments: [record.childID, link.caregiverID, link.relationship.rawValue, link.primary]
            )
        }
    }
}
