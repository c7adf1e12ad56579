#if CivilRegistration
import Foundation
import GRDB
import KioskDomain
import KioskPluginKit
import SwiftProtobuf
import CivilRegistrationPlugin

/// Household registration cases of unregistered children, their documents, applications, police
/// hand-overs and outcomes (`Plugins/CivilRegistration`).
///
/// Seven in ten unregistered children have a case: 8% still drafts, then through the workflow;
/// approved cases go to the police 1–20 days later, who answer in 10–90 days (nine in ten
/// registered). A registered child's record then holds a local hukou and an identity number, as
/// the plugin's RecordOutcome leaves it.
struct CivilRegistrationDemo {
    static let isBuilt = true
    let run: TownshipRun

    static let reasons = ["certificate-unused", "no-birth-medical-certificate", "born-outside-marriage", "abandoned-or-found", "parents-unregistered"]

    func generate(_ children: [DemoChild]) throws {
        for child in children where child.hukou == .unregistered && self.run.random.chance(0.7) {
            try self.open(child)
        }
    }

    private func open(_ child: DemoChild) throws {
        let spec = self.run.spec
        let opened = self.run.day(from: max(child.registered, spec.start.adding(months: -6)), to: max(child.registered, spec.until.adding(days: -10)))
        let caseID = self.run.ids.make("K")
        let reason = self.run.random.weighted(Self.reasons.map { ($0, $0 == "abandoned-or-found" ? 5.0 : 20) })
        var row = (state: "draft", application: String?.none, sent: CalendarDate?.none, outcome: CalendarDate?.none, note: "", booklet: "")
        if self.run.random.chance(0.92) {
            let target = self.run.random.weighted([
                (ApplicationState.approved, 75.0), (.countyReview, 5), (.townshipReview, 5), (.submitted, 3), (.rejected, 6),
                (.withdrawn, 4), (.returned, 2),
            ])
            var payload = Kiosk_Plugins_Civilregistration_V1_RegistrationCase()
            payload.caseID = caseID
            payload.childID = child.id
            payload.village = child.village
            let application = try self.run.application(
                kind: "civil_registration.hukou", child: child, submitted: opened.adding(days: self.run.random.int(3...30)), target: target,
                summary: "Household registration (\(reason))",
                payload: (try payload.serializedBytes() as [UInt8], Kiosk_Plugins_Civilregistration_V1_RegistrationCase.protoMessageName)
            )
            row.application = application.id
            row.state = application.state == .rejected ? "rejected" : application.state == .withdrawn ? "withdrawn" : "submitted"
            if let approved = application.days[.approve] { try self.police(&row, child, application: application, approved: approved) }
        }
        try self.run.writer.insert(
            "civil_registration_case",
            """
            case_id, child_id, village, reason, state, application_id, police_station, date_sent, outcome_date, outcome_note,
            household_booklet_number, opened_by, opened_at
            """,
            [caseID, child.id, child.village, reason, row.state, row.application, row.sent == nil ? "" : "城关派出所", row.sent?.isoString,
             row.outcome?.isoString, row.note, row.booklet, self.run.director(of: child.village), DemoTime.office(opened, &self.run.random)]
        )
        for kind in ["birth-medical-certificate", "parents-household-booklets"] {
            try self.run.writer.insert(
                "civil_registration_document", "case_id, type, number, seen_by, seen_on",
                [caseID, kind, "D\(self.run.random.int(100_000...999_999))", self.run.director(of: child.village), opened.isoString]
            )
        }
    }

    private func police(
        _ row: inout (state: String, application: String?, sent: CalendarDate?, outcome: CalendarDate?, note: String, booklet: String),
        _ child: DemoChild, application: DemoApplication, approved: CalendarDate
    ) throws {
        let sent = approved.adding(days: self.run.random.int(1...20))
        guard sent <= self.run.spec.until else { return }
        row.state = "with-police"
        row.sent = sent
        let outcome = sent.adding(days: self.run.random.int(10...90))
        guard outcome <= self.run.spec.until else { return }
        let registered = self.run.random.chance(0.9)
        row.state = registered ? "registered" : "refused"
        row.outcome = outcome
        row.note = registered ? "" : "材料不全，派出所未予登记"
        row.booklet = registered ? "B\(self.run.random.int(10_000_000...99_999_999))" : ""
        try self.run.finish(application, child: child, kind: "civil_registration.hukou", on: outcome, actor: "system:civil_registration",
                            reason: registered ? "household registered on \(outcome.isoString) at 城关派出所" : "refused by the police")
        if registered { try self.register(child, on: outcome) }
    }

    /// The child's record after a registration: local hukou, an identity number, no `unregistered` category.
    private func register(_ child: DemoChild, on day: CalendarDate) throws {
        let number = self.run.identityNumber(address: self.run.county, birth: child.birth, sex: child.sex)
        try self.run.writer.db.execute(
            sql: "UPDATE core_child SET hukou_status = 'registered-local', identity_number = ?, version = version + 1, updated_at = ? WHERE child_id = ?",
            arguments: [number, DemoTime.office(day, &self.run.random), child.id]
        )
        try self.run.writer.db.execute(sql: "DELETE FROM core_child_category WHERE child_id = ? AND kind = 'unregistered'", arguments: [child.id])
    }
}
#else
struct CivilRegistrationDemo {
    static let isBuilt = false
    let run: TownshipRun
    func generate(_ children: [DemoChild]) throws {}
}
#endif
