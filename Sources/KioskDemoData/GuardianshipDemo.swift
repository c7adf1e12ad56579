#if Guardianship
import GRDB
import KioskDomain
import KioskPluginKit
import SwiftProtobuf
import GuardianshipPlugin

/// Parents' situations, caregiver assessments, care arrangement applications, arrangements in effect
/// and their reviews (`Plugins/Guardianship`).
///
/// Every child left behind, orphaned or de facto without care has a situation; half have an
/// assessment. A third of those left behind by both parents get an entrusted-care application;
/// three in four orphans and children without care a kinship-care one, one in ten a foster family,
/// one in twenty institutional care. Arrangements in effect are reviewed every 3 months at high
/// risk, 6 otherwise (the plugin's defaults), one review in ten one to four months late.
struct GuardianshipDemo {
    static let isBuilt = true
    let run: TownshipRun

    func generate(_ children: [DemoChild]) throws {
        for child in children {
            let both = child.kinds.contains(.leftBehindBothParents)
            let noCare = child.kinds.contains(.orphan) || child.kinds.contains(.deFactoUnattended)
            guard both || noCare || child.kinds.contains(.leftBehindOneParent) else { continue }
            let recorded = self.run.day(from: child.registered, to: min(child.registered.adding(days: 60), self.run.spec.until))
            try self.situation(child, on: recorded)
            let risk = self.run.random.chance(0.5) ? try self.assess(child, on: recorded) : nil
            let type: DemoArrangementType? =
                if both, self.run.random.chance(0.33) { .entrustedCare } else if noCare {
                    self.run.random.weighted([(DemoArrangementType?.some(.kinshipCare), 75.0), (.fosterFamily, 10), (.institutionalCare, 5), (nil, 10)])
                } else { nil }
            if let type { try self.arrange(child, type: type, risk: risk, after: recorded) }
        }
    }

    private func situation(_ child: DemoChild, on day: CalendarDate) throws {
        let since = day.adding(days: -self.run.random.int(200...2000)).isoString
        let (mother, father): (String, String) =
            if child.kinds.contains(.leftBehindBothParents) { ("migrated", "migrated") }
            else if child.kinds.contains(.leftBehindOneParent) { self.run.random.chance(0.7) ? ("unable", "migrated") : ("migrated", "unable") }
            else if child.kinds.contains(.orphan) { ("deceased", "deceased") }
            else { (self.run.random.pick(["missing", "imprisoned", "unable"]), self.run.random.pick(["deceased", "imprisoned", "missing"])) }
        try self.run.writer.insert(
            "guardianship_situation",
            """
            child_id, village, mother_status, mother_migrated_to, mother_migrated_since, father_status, father_migrated_to,
            father_migrated_since, caregiver_name, caregiver_relationship, caregiver_age, recorded_on, recorded_by
            """,
            [child.id, child.village, mother, mother == "migrated" ? "广东省东莞市" : nil, mother == "migrated" ? since : nil,
             father, father == "migrated" ? "浙江省宁波市" : nil, father == "migrated" ? since : nil,
             DemoNames.name(surname: self.run.random.pick(DemoNames.surnames), &self.run.random).name, "grandparent",
             self.run.random.int(52...76), day.isoString, self.run.director(of: child.village)]
        )
    }

    /// Writes an assessment and returns its risk level.
    private func assess(_ child: DemoChild, on day: CalendarDate) throws -> String {
        let health = self.run.random.weighted([("good", 70.0), ("limited", 25), ("poor", 5)])
        let income = self.run.random.weighted([("adequate", 40.0), ("low", 50), ("none", 10)])
        let housing = self.run.random.weighted([("adequate", 80.0), ("inadequate", 17), ("unsafe", 3)])
        let history = self.run.random.chance(0.03)
        let risk = history || health == "poor" || income == "none" || housing == "unsafe" ? "high"
            : health == "limited" || income == "low" ? "medium" : "low"
        try self.run.writer.insert(
            "guardianship_assessment",
            """
            assessment_id, child_id, village, assessed_on, caregiver_name, caregiver_age, health, income, housing, willing,
            history_of_neglect_or_violence, notes, risk_level, unfit, reasons, assessed_by, recorded_at
            """,
            [self.run.ids.make("S"), child.id, child.village, day.isoString,
             DemoNames.name(surname: self.run.random.pick(DemoNames.surnames), &self.run.random).name, self.run.random.int(52...76),
             health, income, housing, true, history, "", risk, history, history ? "history of neglect or violence" : "",
             self.run.director(of: child.village), DemoTime.office(day, &self.run.random)]
        )
        return risk
    }

    private func arrange(_ child: DemoChild, type: DemoArrangementType, risk: String?, after day: CalendarDate) throws {
        let spec = self.run.spec
        guard child.birth.adding(years: 18) > spec.until else { return }
        let relationship: (wire: Kiosk_Plugins_Guardianship_V1_CaregiverRelationship, stored: String) =
            switch type {
            case .fosterFamily: (.fosterParent, "foster-parent")
            case .institutionalCare: (.institution, "institution")
            default: self.run.random.chance(0.7) ? (.grandparent, "grandparent") : (.auntOrUncle, "aunt-or-uncle")
            }
        var request = Kiosk_Plugins_Guardianship_V1_SubmitArrangementRequest()
        request.childID = child.id
        request.type = type.wire
        request.caregiver.name = type == .institutionalCare ? "县儿童福利院" : DemoNames.name(surname: self.run.random.pick(DemoNames.surnames), &self.run.random).name
        request.caregiver.relationship = relationship.wire
        request.caregiver.age = UInt32(type == .institutionalCare ? 0 : self.run.random.int(30...70))
        let target = self.run.random.weighted([
            (ApplicationState.active, 60.0), (.closed, 8), (.suspended, 3), (.approved, 4), (.countyReview, 5), (.townshipReview, 5),
            (.submitted, 5), (.rejected, 5), (.withdrawn, 3), (.returned, 2),
        ])
        let submitted = self.run.day(from: max(day, spec.start.adding(months: -12)), to: max(day, spec.until.adding(days: -30)))
        let application = try self.run.application(
            kind: "guardianship.\(type.rawValue)", child: child, submitted: submitted, target: target,
            summary: "Care arrangement: \(type.rawValue) with \(relationship.stored)",
            payload: (try request.serializedBytes() as [UInt8], Kiosk_Plugins_Guardianship_V1_SubmitArrangementRequest.protoMessageName)
        )
        guard let started = application.days[.activate] else { return }
        try self.store(application, child, type: type, request: request, relationship: relationship.stored, risk: risk, started: started)
    }

    private func store(
        _ application: DemoApplication, _ child: DemoChild, type: DemoArrangementType, request: Kiosk_Plugins_Guardianship_V1_SubmitArrangementRequest,
        relationship: String, risk: String?, started: CalendarDate
    ) throws {
        let interval = (risk ?? "high") == "high" ? 3 : 6
        let ended = application.state == .closed ? application.days[.close] : nil
        let suspended = application.state == .suspended ? application.days[.suspend] : nil
        let stop = min(ended ?? suspended ?? self.run.spec.until, self.run.spec.until)
        var reviews: [CalendarDate] = []
        var anchor = started
        while true {
            let late = self.run.random.chance(0.1) ? self.run.random.int(30...120) : self.run.random.int(-10...5)
            let next = anchor.adding(months: interval).adding(days: late)
            guard next <= stop, next > anchor else { break }
            reviews.append(next)
            anchor = next
        }
        try self.run.writer.insert(
            "guardianship_arrangement",
            """
            arrangement_id, child_id, village, type, caregiver_name, caregiver_relationship, caregiver_age, started_on, risk_level,
            review_interval_months, next_review_due, last_reviewed_on, ended_on, end_reason, end_note, suspended_on, suspension_reason
            """,
            [application.id, child.id, child.village, type.rawValue, request.caregiver.name, relationship, Int(request.caregiver.age),
             started.isoString, risk, interval, anchor.adding(months: interval).isoString, anchor == started ? nil : anchor.isoString,
             ended?.isoString, ended == nil ? nil : "other", ended == nil ? nil : "application closed: 情况变化，结束",
             suspended?.isoString, suspended == nil ? nil : "待核实家庭情况"]
        )
        for review in reviews {
            try self.run.writer.insert(
                "guardianship_review", "review_id, arrangement_id, reviewed_on, notes, reviewed_by, recorded_at",
                [self.run.ids.make("R"), application.id, review.isoString, "照护情况良好", self.run.director(of: child.village),
                 DemoTime.office(review, &self.run.random)]
            )
        }
    }
}

/// The arrangement types, as stored and on the wire.
enum DemoArrangementType: String {
    case entrustedCare = "entrusted-care"
    case kinshipCare = "kinship-care"
    case fosterFamily = "foster-family"
    case institutionalCare = "institutional-care"

    var wire: Kiosk_Plugins_Guardianship_V1_ArrangementType {
        switch self {
        case .entrustedCare: .entrustedCare
        case .kinshipCare: .kinshipCare
        case .fosterFamily: .fosterFamily
        case .institutionalCare: .institutionalCare
        }
    }
}
#else
struct GuardianshipDemo {
    static let isBuilt = false
    let run: TownshipRun
    func generate(_ children: [DemoChild]) throws {}
}
#endif
