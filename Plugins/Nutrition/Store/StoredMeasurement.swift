import KioskPluginKit
import Foundation
import GRDB
import KioskDomain

/// A measurement as the plugin keeps it, with its assessment.
struct StoredMeasurement: Sendable, Hashable {
    var measurementID: String
    var childID: String
    var village: String
    var measurement: GrowthMeasurement
    var assessment: GrowthAssessment
    var referralItemID: String?
    var recordedBy: String

    private static let columns: [Indicator: String] = [
        .weightForAge: "z_weight_for_age",
        .lengthHeightForAge: "z_length_height_for_age",
        .weightForLengthHeight: "z_weight_for_length_height",
        .bmiForAge: "z_bmi_for_age",
        .muacForAge: "z_muac_for_age",
    ]

    func insert(in db: Database, at now: Date) throws {
        let scores = Indicator.allCases.map { self.assessment.scores[$0] }
        try db.execute(
            sql: """
                INSERT INTO nutrition_measurement (measurement_id, child_id, village, measured_on, age_days, weight_kg,
                    length_cm, position, adjusted_length_cm, muac_mm, oedema, z_weight_for_age, z_length_height_for_age,
                    z_weight_for_length_height, z_bmi_for_age, z_muac_for_age, implausible, classifications,
                    referral_item_id, recorded_by, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                self.measurementID, self.childID, self.village, self.measurement.measuredOn.isoString,
                self.assessment.ageDays, self.measurement.weightKg, self.measurement.lengthCm,
                self.measurement.position?.rawValue, self.assessment.adjustedLengthCm, self.measurement.muacMM,
                self.measurement.oedema, scores[0], scores[1], scores[2], scores[3], scores[4],
                self.assessment.implausible.sorted().map(\.rawValue).joined(separator: ","),
                self.assessment.classifications.map(\.rawValue).joined(separator: ","),
                self.referralItemID, self.recordedBy, now,
            ]
        )
    }

    /// A child's measurements, oldest first.
    static func all(childID: String, in db: Database) throws -> [StoredMeasurement] {
        try Row.fetchAll(
            db,
            sql: "SELECT * FROM nutrition_measurement WHERE child_id = ? ORDER BY measured_on, recorded_at, measurement_id",
            arguments: [childID]
        ).map(Self.init(row:))
    }

    /// Measurements in villages `lowest...highest` from `from` to `to`, oldest first.
    static func all(villages: VillageRange, from: CalendarDate, to: CalendarDate, in db: Database) throws
        -> [StoredMeasurement]
    {
        try Row.fetchAll(
            db,
            sql: """
                SELECT * FROM nutrition_measurement WHERE village BETWEEN ? AND ? AND measured_on BETWEEN ? AND ?
                ORDER BY measured_on, recorded_at, measurement_id
                """,
            arguments: [villages.lowest, villages.highest, from.isoString, to.isoString]
        ).map(Self.init(row:))
    }

    init(
        measurementID: String, childID: String, village: String, measurement: GrowthMeasurement, assessment: GrowthAssessment,
        referralItemID: String?, recordedBy: String
    ) {
        self.measurementID = measurementID
        self.childID = childID
        self.village = village
        self.measurement = measurement
        self.assessment = assessment
        self.referralItemID = referralItemID
        self.recordedBy = recordedBy
    }

    init(row: Row) throws {
        let list = { (text: String) in text.split(separator: ",").map(String.init) }
        var scores: [Indicator: Double] = [:]
        for (indicator, column) in Self.columns {
            if let value: Double = row[column] { scores[indicator] = value }
        }
        self.init(
            measurementID: row["measurement_id"],
            childID: row["child_id"],
            village: row["village"],
            measurement: GrowthMeasurement(
                measuredOn: try CalendarDate(iso: row["measured_on"]),
                weightKg: row["weight_kg"],
                lengthCm: row["length_cm"],
                position: (row["position"] as String?).flatMap(MeasurementPosition.init(rawValue:)),
                muacMM: row["muac_mm"],
                oedema: row["oedema"]
            ),
            assessment: GrowthAssessment(
                ageDays: row["age_days"],
                adjustedLengthCm: row["adjusted_length_cm"],
                scores: scores,
                implausible: Set(list(row["implausible"]).compactMap(Indicator.init(rawValue:))),
                classifications: list(row["classifications"]).compactMap(Classification.init(rawValue:))
            ),
            referralItemID: row["referral_item_id"],
            recordedBy: row["recorded_by"]
        )
    }
}
