import KioskPluginKit
import Foundation
import GRDB
import KioskDomain

/// Where a case stands in the plugin; the hooks keep it in step with its application (README.md).
enum CaseState: String, Sendable, Hashable {
    case draft, submitted
    case withPolice = "with-police"
    case registered, refused, rejected, withdrawn

    /// Draft, submitted or with the police: the child has a case under way (one at a time).
    static let open: [CaseState] = [.draft, .submitted, .withPolice]
}

/// A document seen by a worker: type, number, who, when. Never the scan.
struct DocumentRow: Sendable, Hashable {
    var kind: DocumentKind
    var number: String
    var seenBy: String
    var seenOn: CalendarDate
}

/// A registration case.
struct CaseRow: Sendable, Hashable {
    var caseID: String
    var childID: String
    var village: DivisionCode
    var reason: RegistrationReason
    var state: CaseState
    var applicationID: String?
    var policeStation: String
    var dateSent: CalendarDate?
    var outcomeDate: CalendarDate?
    var outcomeNote: String
    var householdBookletNumber: String
    var documents: [DocumentRow]
}

/// The plugin's case and document tables.
enum CaseTable {
    static func insert(_ row: CaseRow, openedBy: String, at date: Date, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO civil_registration_case (case_id, child_id, village, reason, state, opened_by, opened_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [row.caseID, row.childID, row.village.digits, row.reason.rawValue, row.state.rawValue, openedBy, date]
        )
    }

    static func update(_ row: CaseRow, in db: Database) throws {
        try db.execute(
            sql: """
                UPDATE civil_registration_case SET state = ?, application_id = ?, police_station = ?, date_sent = ?,
                    outcome_date = ?, outcome_note = ?, household_booklet_number = ? WHERE case_id = ?
                """,
            arguments: [
                row.state.rawValue, row.applicationID, row.policeStation, row.dateSent?.isoString, row.outcomeDate?.isoString,
                row.outcomeNote, row.householdBookletNumber, row.caseID,
            ]
        )
    }

    static func addDocument(_ document: DocumentRow, caseID: String, in db: Database) throws {
        try db.execute(
            sql: "INSERT INTO civil_registration_document (case_id, type, number, seen_by, seen_on) VALUES (?, ?, ?, ?, ?)",
            arguments: [caseID, document.kind.rawValue, document.number, document.seenBy, document.seenOn.isoString]
        )
    }

    /// The case, wherever it is; callers check the jurisdiction.
    static func fetch(_ caseID: String, in db: Database) throws -> CaseRow? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM civil_registration_case WHERE case_id = ?", arguments: [caseID]) else {
            return nil
        }
        return try self.record(from: row, in: db)
    }

    /// The view of open cases (`case_id`, `child_id`), by which the core finds children without one.
    static let openCaseView = "civil_registration_open_case"

    /// The case of an application, if it is one of this plugin's.
    static func fetch(applicationID: String, in db: Database) throws -> CaseRow? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM civil_registration_case WHERE application_id = ?", arguments: [applicationID]) else {
            return nil
        }
        return try self.record(from: row, in: db)
    }

    /// The child's open case, if any.
    static func openCaseID(childID: String, in db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT case_id FROM \(self.openCaseView) WHERE child_id = ?", arguments: [childID])
    }

    /// Cases with the police in the village range sent on or before `sentBy`, oldest first.
    static func withPolice(villages: VillageRange, sentBy: CalendarDate, in db: Database) throws -> [CaseRow] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT * FROM civil_registration_case WHERE state = 'with-police' AND village BETWEEN ? AND ? AND date_sent <= ?
                ORDER BY date_sent, case_id
                """,
            arguments: [villages.lowest, villages.highest, sentBy.isoString]
        ).map { try self.record(from: $0, in: db) }
    }

    static func record(from row: Row, in db: Database) throws -> CaseRow {
        let caseID: String = row["case_id"]
        let documents = try Row.fetchAll(
            db, sql: "SELECT * FROM civil_registration_document WHERE case_id = ? ORDER BY seq", arguments: [caseID]
        ).compactMap { document -> DocumentRow? in
            guard let kind = DocumentKind(rawValue: document["type"]) else { return nil }
            return DocumentRow(kind: kind, number: document["number"], seenBy: document["seen_by"], seenOn: try CalendarDate(iso: document["seen_on"]))
        }
        let dateSent: String? = row["date_sent"]
        let outcomeDate: String? = row["outcome_date"]
        return CaseRow(
            caseID: caseID, childID: row["child_id"], village: try DivisionCode(row["village"]),
            reason: RegistrationReason(rawValue: row["reason"]) ?? .certificateUnused,
            state: CaseState(rawValue: row["state"]) ?? .draft, applicationID: row["application_id"],
            policeStation: row["police_station"], dateSent: try dateSent.map { try CalendarDate(iso: $0) },
            outcomeDate: try outcomeDate.map { try CalendarDate(iso: $0) }, outcomeNote: row["outcome_note"],
            householdBookletNumber: row["household_booklet_number"], documents: documents
        )
    }
}
