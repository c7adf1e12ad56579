import Foundation
import GRDB
import KioskDomain

/// A caregiver assessment with its answers kept.
struct StoredAssessment: Sendable, Hashable {
    var assessmentID: String
    var childID: String
    var village: String
    var assessedOn: CalendarDate
    var answers: CapacityAnswers
    var result: CapacityResult
    var assessedBy: String
    var urgentItemID: String?

    func insert(in db: Database, at now: Date) throws {
        let a = self.answers
        try db.execute(
            sql: """
                INSERT INTO guardianship_assessment (assessment_id, child_id, village, assessed_on, caregiver_name,
                    caregiver_age, health, income, housing, willing, history_of_neglect_or_violence, notes, risk_level,
                    unfit, reasons, assessed_by, urgent_item_id, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                self.assessmentID, self.childID, self.village, self.assessedOn.isoString, a.caregiverName, a.caregiverAge,
                a.health.rawValue, a.income.rawValue, a.housing.rawValue, a.willing, a.historyOfNeglectOrViolence, a.notes,
                self.result.riskLevel.rawValue, self.result.unfit, self.result.reasons.joined(separator: "\n"),
                self.assessedBy, self.urgentItemID, now,
            ]
        )
    }

    /// A child's assessments, newest first.
    static func all(childID: String, in db: Database) throws -> [StoredAssessment] {
        try Row.fetchAll(
            db,
            sql: "SELECT * FROM guardianship_assessment WHERE child_id = ? ORDER BY assessed_on DESC, recorded_at DESC",
            arguments: [childID]
        ).map(Self.init(row:))
    }

    /// The child's latest assessment, as the arrangement rules need it.
    static func latest(childID: String, in db: Database) throws -> ArrangementRules.LatestAssessment? {
        try self.all(childID: childID, in: db).first.map {
            ArrangementRules.LatestAssessment(
                caregiverName: $0.answers.caregiverName, assessedOn: $0.assessedOn, riskLevel: $0.result.riskLevel, unfit: $0.result.unfit
            )
        }
    }

    init(
        assessmentID: String, childID: String, village: String, assessedOn: CalendarDate, answers: CapacityAnswers,
        result: CapacityResult, assessedBy: String, urgentItemID: String?
    ) {
        self.assessmentID = assessmentID
        self.childID = childID
        self.village = village
        self.assessedOn = assessedOn
        self.answers = answers
        self.result = result
        self.assessedBy = assessedBy
        self.urgentItemID = urgentItemID
    }

    init(row: Row) throws {
        let reasons: String = row["reasons"]
        self.init(
            assessmentID: row["assessment_id"],
            childID: row["child_id"],
            village: row["village"],
            assessedOn: try CalendarDate(iso: row["assessed_on"]),
            answers: CapacityAnswers(
                caregiverName: row["caregiver_name"],
                caregiverAge: row["caregiver_age"],
                health: Health(rawValue: row["health"]) ?? .poor,
                income: Income(rawValue: row["income"]) ?? .noIncome,
                housing: Housing(rawValue: row["housing"]) ?? .unsafe,
                willing: row["willing"],
                historyOfNeglectOrViolence: row["history_of_neglect_or_violence"],
                notes: row["notes"]
            ),
            result: CapacityResult(
                riskLevel: RiskLevel(rawValue: row["risk_level"]) ?? .high,
                unfit: row["unfit"],
                reasons: reasons.isEmpty ? [] : reasons.components(separatedBy: "\n")
            ),
            assessedBy: row["assessed_by"],
            urgentItemID: row["urgent_item_id"]
        )
    }
}
