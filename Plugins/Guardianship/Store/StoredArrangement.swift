import KioskPluginKit
import GRDB
import KioskDomain

/// A care arrangement in effect or ended. Its id is the application's.
struct StoredArrangement: Sendable, Hashable {
    var arrangementID: String
    var childID: String
    var village: String
    var type: ArrangementType
    var caregiver: CareProvider
    var startedOn: CalendarDate
    var riskLevel: RiskLevel?
    var reviewIntervalMonths: Int
    var nextReviewDue: CalendarDate
    var lastReviewedOn: CalendarDate?
    var endedOn: CalendarDate?
    var endReason: EndReason?
    var endNote: String?
    /// Set while the county has suspended the arrangement's application.
    var suspendedOn: CalendarDate?
    var suspensionReason: String?

    var inEffect: Bool { self.endedOn == nil }

    func insert(in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO guardianship_arrangement (arrangement_id, child_id, village, type, caregiver_name,
                    caregiver_relationship, caregiver_age, started_on, risk_level, review_interval_months, next_review_due)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                self.arrangementID, self.childID, self.village, self.type.rawValue, self.caregiver.name,
                self.caregiver.relationship.rawValue, self.caregiver.age, self.startedOn.isoString, self.riskLevel?.rawValue,
                self.reviewIntervalMonths, self.nextReviewDue.isoString,
            ]
        )
    }

    /// Stores a review: the date, the risk it was scheduled at and the next due date.
    func saveReview(in db: Database) throws {
        try db.execute(
            sql: """
                UPDATE guardianship_arrangement SET last_reviewed_on = ?, risk_level = ?, review_interval_months = ?,
                    next_review_due = ? WHERE arrangement_id = ?
                """,
            arguments: [
                self.lastReviewedOn?.isoString, self.riskLevel?.rawValue, self.reviewIntervalMonths, self.nextReviewDue.isoString,
                self.arrangementID,
            ]
        )
    }

    func saveEnd(in db: Database) throws {
        try db.execute(
            sql: "UPDATE guardianship_arrangement SET ended_on = ?, end_reason = ?, end_note = ? WHERE arrangement_id = ?",
            arguments: [self.endedOn?.isoString, self.endReason?.rawValue, self.endNote, self.arrangementID]
        )
    }

    /// Stores the suspension (or, with nil, its end).
    func saveSuspension(in db: Database) throws {
        try db.execute(
            sql: "UPDATE guardianship_arrangement SET suspended_on = ?, suspension_reason = ? WHERE arrangement_id = ?",
            arguments: [self.suspendedOn?.isoString, self.suspensionReason, self.arrangementID]
        )
    }

    static func fetch(_ arrangementID: String, in db: Database) throws -> StoredArrangement? {
        try Row.fetchOne(db, sql: "SELECT * FROM guardianship_arrangement WHERE arrangement_id = ?", arguments: [arrangementID])
            .map(Self.init(row:))
    }

    /// A child's arrangements, oldest first (by start, then as recorded).
    static func all(childID: String, in db: Database) throws -> [StoredArrangement] {
        try Row.fetchAll(
            db,
            sql: "SELECT * FROM guardianship_arrangement WHERE child_id = ? ORDER BY started_on, rowid",
            arguments: [childID]
        ).map(Self.init(row:))
    }

    /// Arrangements in effect and not suspended in `villages` whose review was due before `today`, most overdue first.
    static func overdue(villages: VillageRange, today: CalendarDate, in db: Database) throws -> [StoredArrangement] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT * FROM guardianship_arrangement
                WHERE ended_on IS NULL AND suspended_on IS NULL AND village BETWEEN ? AND ? AND next_review_due < ?
                ORDER BY next_review_due, arrangement_id
                """,
            arguments: [villages.lowest, villages.highest, today.isoString]
        ).map(Self.init(row:))
    }

    init(
        arrangementID: String, childID: String, village: String, type: ArrangementType, caregiver: CareProvider,
        startedOn: CalendarDate, riskLevel: RiskLevel?, reviewIntervalMonths: Int, nextReviewDue: CalendarDate,
        lastReviewedOn: CalendarDate? = nil, endedOn: CalendarDate? = nil, endReason: EndReason? = nil, endNote: String? = nil,
        suspendedOn: CalendarDate? = nil, suspensionReason: String? = nil
    ) {
        self.arrangementID = arrangementID
        self.childID = childID
        self.village = village
        self.type = type
        self.caregiver = caregiver
        self.startedOn = startedOn
        self.riskLevel = riskLevel
        self.reviewIntervalMonths = reviewIntervalMonths
        self.nextReviewDue = nextReviewDue
        self.lastReviewedOn = lastReviewedOn
        self.endedOn = endedOn
        self.endReason = endReason
        self.endNote = endNote
        self.suspendedOn = suspendedOn
        self.suspensionReason = suspensionReason
    }

    init(row: Row) throws {
        let optionalDate = { (text: String?) throws -> CalendarDate? in try text.map { try CalendarDate(iso: $0) } }
        self.init(
            arrangementID: row["arrangement_id"],
            childID: row["child_id"],
            village: row["village"],
            type: ArrangementType(rawValue: row["type"]) ?? .kinshipCare,
            caregiver: CareProvider(
                name: row["caregiver_name"],
                relationship: CaregiverRelationship(rawValue: row["caregiver_relationship"]) ?? .otherAdult,
                age: row["caregiver_age"]
            ),
            startedOn: try CalendarDate(iso: row["started_on"]),
            riskLevel: (row["risk_level"] as String?).flatMap(RiskLevel.init(rawValue:)),
            reviewIntervalMonths: row["review_interval_months"],
            nextReviewDue: try CalendarDate(iso: row["next_review_due"]),
            lastReviewedOn: try optionalDate(row["last_reviewed_on"]),
            endedOn: try optionalDate(row["ended_on"]),
            endReason: (row["end_reason"] as String?).flatMap(EndReason.init(rawValue:)),
            endNote: row["end_note"],
            suspendedOn: try optionalDate(row["suspended_on"]),
            suspensionReason: row["suspension_reason"]
        )
    }
}
