#if Nutrition
import Foundation
import GRDB
import KioskDomain
import KioskPluginKit
import SwiftProtobuf
import NutritionPlugin

/// Growth measurements of children under five, urgent referrals for severe acute malnutrition, and
/// support applications (`Plugins/Nutrition`).
///
/// Seven in ten children under five are measured, every three to six months. The z-scores are
/// drawn (a child's own level, height-for-age about -0.9, weight-for-age -0.6, weight-for-height
/// -0.2, plus each measurement's noise) and classified by the plugin's WHO cut-offs; weight and
/// length are set from approximate WHO medians and are not recomputed from the WHO tables. A third
/// of children measured at 6–23 months get a sachets application; half of those with moderate
/// wasting or underweight a supplementary-food one.
struct NutritionDemo {
    static let isBuilt = true
    let run: TownshipRun

    func generate(_ children: [DemoChild]) throws {
        for child in children where child.birth.days(to: self.run.spec.start) <= 1826 {
            guard self.run.random.chance(0.7) else { continue }
            try self.measure(child)
        }
    }

    private func measure(_ child: DemoChild) throws {
        let spec = self.run.spec
        let levels = (haz: self.run.random.normal(mean: -0.9, deviation: 1.1), waz: self.run.random.normal(mean: -0.6, deviation: 1.0),
                      whz: self.run.random.normal(mean: -0.2, deviation: 0.9))
        var day = self.run.day(from: max(spec.start, child.registered, child.birth.adding(days: 14)), to: max(spec.start, child.registered).adding(days: 120))
        var openReferral: String?
        var applied = false
        while day <= spec.until, child.birth.days(to: day) <= 1826 {
            let ageDays = child.birth.days(to: day)
            let scores = self.scores(levels, ageDays: ageDays)
            let oedema = self.run.random.chance(0.0005)
            let muac = ageDays >= 91 ? Int((150 + 11 * scores.whz + self.run.random.normal(deviation: 5)).rounded()) : nil
            let classes = Self.classify(haz: scores.haz, waz: oedema ? nil : scores.waz, whz: oedema ? nil : scores.whz, muac: muac, oedema: oedema, ageDays: ageDays)
            let id = self.run.ids.make("M")
            var referral: String?
            if classes.contains("severe-acute-malnutrition") {
                referral = try openReferral ?? self.refer(child, on: day)
                openReferral = self.run.random.chance(0.3) ? referral : nil
                if openReferral == nil, let referral { try self.resolve(referral, on: day) }
            }
            try self.insert(id, child, day: day, ageDays: ageDays, scores: scores, muac: muac, oedema: oedema, classes: classes, referral: referral)
            if !applied, let kind = self.supportKind(ageDays: ageDays, classes: classes) {
                applied = true
                try self.apply(kind, child, measurement: id, on: day, ageDays: ageDays)
            }
            day = day.adding(days: self.run.random.int(90...180))
        }
    }

    private func scores(_ levels: (haz: Double, waz: Double, whz: Double), ageDays: Int) -> (haz: Double, waz: Double, whz: Double) {
        func draw(_ level: Double, _ limit: Double) -> Double {
            (min(limit, max(-limit, level + self.run.random.normal(deviation: 0.35))) * 100).rounded() / 100
        }
        return (draw(levels.haz, 5.5), draw(levels.waz, 4.8), draw(levels.whz, 4.8))
    }

    /// The plugin's classification rules (`Plugins/Nutrition/Growth/Classification.swift`) on drawn z-scores.
    static func classify(haz: Double, waz: Double?, whz: Double?, muac: Int?, oedema: Bool, ageDays: Int) -> [String] {
        var result: [String] = []
        if haz < -3 { result.append("stunting-severe") } else if haz < -2 { result.append("stunting-moderate") }
        if oedema {
            result.append("wasting-severe")
        } else if let whz {
            if whz < -3 { result.append("wasting-severe") } else if whz < -2 { result.append("wasting-moderate") }
            if whz > 3 { result.append("overweight-severe") } else if whz > 2 { result.append("overweight-moderate") }
        }
        if let waz {
            if waz < -3 { result.append("underweight-severe") } else if waz < -2 { result.append("underweight-moderate") }
        }
        let months = Int(Double(ageDays) / 30.4375)
        let lowMUAC = muac.map { $0 < 115 && (6..<60).contains(months) } ?? false
        if oedema || lowMUAC || (whz.map { $0 < -3 } ?? false) { result.append("severe-acute-malnutrition") }
        return result
    }

    private func insert(
        _ id: String, _ child: DemoChild, day: CalendarDate, ageDays: Int, scores: (haz: Double, waz: Double, whz: Double),
        muac: Int?, oedema: Bool, classes: [String], referral: String?
    ) throws {
        let years = Double(ageDays) / 365.25
        let length = (Self.median(years, [49.9, 75.7, 87.1, 96.1, 103.3, 110.0]) * (1 + 0.036 * scores.haz) * 10).rounded() / 10
        let weight = (Self.median(years, [3.3, 9.6, 12.2, 14.3, 16.3, 18.3]) * (1 + 0.11 * scores.waz) * 10).rounded() / 10
        try self.run.writer.insert(
            "nutrition_measurement",
            """
            measurement_id, child_id, village, measured_on, age_days, weight_kg, length_cm, position, adjusted_length_cm, muac_mm, oedema,
            z_weight_for_age, z_length_height_for_age, z_weight_for_length_height, z_bmi_for_age, z_muac_for_age, implausible,
            classifications, referral_item_id, recorded_by, recorded_at
            """,
            [id, child.id, child.village, day.isoString, ageDays, weight, length, ageDays < 731 ? "lying" : "standing", length, muac, oedema,
             oedema ? nil : scores.waz, scores.haz, oedema ? nil : scores.whz, oedema ? nil : scores.whz,
             muac.map { (Double($0 - 150) / 12 * 100).rounded() / 100 }, "", classes.joined(separator: ","), referral,
             self.run.director(of: child.village), DemoTime.office(day, &self.run.random)]
        )
    }

    /// A median by completed year of age, interpolated linearly.
    private static func median(_ years: Double, _ table: [Double]) -> Double {
        let index = min(Int(years), table.count - 2)
        return table[index] + (table[index + 1] - table[index]) * (years - Double(index))
    }

    private func refer(_ child: DemoChild, on day: CalendarDate) throws -> String {
        let id = self.run.ids.make("W")
        try self.run.writer.insert(
            "core_work_item", "item_id, child_id, village, kind, urgency, summary, raised_at, raised_by",
            [id, child.id, child.village, "nutrition.severe-acute-malnutrition", "urgent",
             "Severe acute malnutrition on \(day.isoString): refer for treatment", DemoTime.office(day, &self.run.random),
             self.run.director(of: child.village)]
        )
        return id
    }

    private func resolve(_ item: String, on day: CalendarDate) throws {
        let resolved = min(day.adding(days: self.run.random.int(1...20)), self.run.spec.until)
        try self.run.writer.db.execute(
            sql: "UPDATE core_work_item SET resolved_at = ?, resolved_by = ?, resolution = ? WHERE item_id = ?",
            arguments: [DemoTime.office(resolved, &self.run.random), self.run.supervisor, "已转介至县人民医院", item]
        )
    }

    private func supportKind(ageDays: Int, classes: [String]) -> Kiosk_Plugins_Nutrition_V1_SupportKind? {
        let months = Int(Double(ageDays) / 30.4375)
        guard !classes.contains("severe-acute-malnutrition"), (6..<60).contains(months) else { return nil }
        let moderate = classes.contains { ["wasting-moderate", "underweight-moderate", "underweight-severe"].contains($0) }
        if moderate, self.run.random.chance(0.5) { return .supplementaryFood }
        if months < 24, self.run.random.chance(0.33) { return .micronutrientSachets }
        return nil
    }

    private func apply(_ kind: Kiosk_Plugins_Nutrition_V1_SupportKind, _ child: DemoChild, measurement: String, on day: CalendarDate, ageDays: Int) throws {
        var payload = Kiosk_Plugins_Nutrition_V1_SupportApplication()
        payload.kind = kind
        payload.measurementID = measurement
        payload.ageMonths = UInt32(Int(Double(ageDays) / 30.4375))
        let name = kind == .supplementaryFood ? "supplementary-food" : "micronutrient-sachets"
        let target = self.run.random.weighted([
            (ApplicationState.approved, 55.0), (.active, 5), (.closed, 5), (.rejected, 8), (.withdrawn, 5), (.countyReview, 6),
            (.townshipReview, 6), (.submitted, 6), (.returned, 4),
        ])
        let application = try self.run.application(
            kind: "nutrition.\(name)", child: child, submitted: day.adding(days: self.run.random.int(0...14)), target: target,
            summary: "Nutrition support: \(name)", payload: (try payload.serializedBytes() as [UInt8], Kiosk_Plugins_Nutrition_V1_SupportApplication.protoMessageName)
        )
        if let approved = application.days[.approve] {
            try self.run.writer.insert(
                "nutrition_support", "application_id, child_id, village, kind, approved_on",
                [application.id, child.id, child.village, name, approved.isoString]
            )
        }
    }
}
#else
struct NutritionDemo {
    static let isBuilt = false
    let run: TownshipRun
    func generate(_ children: [DemoChild]) throws {}
}
#endif
