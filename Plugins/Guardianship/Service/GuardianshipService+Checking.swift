import Foundation
import KioskDomain

// Requests from the wire, checked into the plugin's own types. INVALID_ARGUMENT names the field.

extension CareSituation {
    init(checking request: Kiosk_Plugins_Guardianship_V1_RecordSituationRequest, today: CalendarDate) throws {
        let mother = try ParentSituation.checked(
            status: ParentStatus(wire: request.mother.status), migratedTo: request.mother.migratedTo,
            migratedSince: request.mother.migratedSince, field: "mother", today: today
        )
        let father = try ParentSituation.checked(
            status: ParentStatus(wire: request.father.status), migratedTo: request.father.migratedTo,
            migratedSince: request.father.migratedSince, field: "father", today: today
        )
        var caregiver: CareProvider?
        if request.noCaregiver {
            guard request.caregiver.name.isEmpty else { throw invalid("caregiver is given but no_caregiver is set") }
        } else {
            caregiver = try CareProvider.checked(
                name: request.caregiver.name, relationship: CaregiverRelationship(wire: request.caregiver.relationship),
                age: Int(request.caregiver.age), field: "caregiver"
            )
        }
        self.init(mother: mother, father: father, caregiver: caregiver)
        try self.checkConsistent()
    }
}

extension CapacityAnswers {
    init(checking wire: Kiosk_Plugins_Guardianship_V1_CapacityAnswers) throws {
        let name = wire.caregiverName.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 50 else { throw invalid("answers.caregiver_name is required (at most 50 characters)") }
        guard (1...120).contains(wire.caregiverAge) else { throw invalid("answers.caregiver_age \(wire.caregiverAge) is not an age (1 to 120)") }
        guard let health = Health(wire: wire.health) else { throw invalid("answers.health is required") }
        guard let income = Income(wire: wire.income) else { throw invalid("answers.income is required") }
        guard let housing = Housing(wire: wire.housing) else { throw invalid("answers.housing is required") }
        guard wire.notes.count <= 1000 else { throw invalid("answers.notes is longer than 1000 characters") }
        self.init(
            caregiverName: name, caregiverAge: Int(wire.caregiverAge), health: health, income: income, housing: housing,
            willing: wire.willing, historyOfNeglectOrViolence: wire.historyOfNeglectOrViolence, notes: wire.notes
        )
    }
}

extension ArrangementRequest {
    init(checking request: Kiosk_Plugins_Guardianship_V1_SubmitArrangementRequest, today: CalendarDate) throws {
        let type = try ArrangementType(wire: request.type)
        let caregiver: CareProvider
        if type == .institutionalCare {
            let name = request.institutionName.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, name.count <= 100 else { throw invalid("institution_name is required for institutional care") }
            caregiver = CareProvider(name: name, relationship: .institution, age: 0)
        } else {
            caregiver = try CareProvider.checked(
                name: request.caregiver.name, relationship: CaregiverRelationship(wire: request.caregiver.relationship),
                age: Int(request.caregiver.age), field: "caregiver"
            )
        }
        var agreement: CalendarDate?
        if !request.agreementDate.isEmpty {
            let date = try date(request.agreementDate, field: "agreement_date")
            guard date <= today else { throw invalid("agreement_date \(date) is in the future") }
            agreement = date
        }
        let reason = request.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard reason.count <= 500 else { throw invalid("reason is longer than 500 characters") }
        self.init(
            type: type, caregiver: caregiver, entrustingParent: ParentRole(wire: request.entrustingParent), agreementDate: agreement,
            fosterApprovalReference: request.fosterApprovalReference.trimmingCharacters(in: .whitespaces), reason: reason
        )
    }

    /// The caregiver of a stored (already checked) application.
    static func caregiver(of request: Kiosk_Plugins_Guardianship_V1_SubmitArrangementRequest) -> CareProvider {
        if request.type == .institutionalCare {
            return CareProvider(name: request.institutionName.trimmingCharacters(in: .whitespaces), relationship: .institution, age: 0)
        }
        return CareProvider(
            name: request.caregiver.name.trimmingCharacters(in: .whitespaces),
            relationship: CaregiverRelationship(wire: request.caregiver.relationship) ?? .otherAdult,
            age: Int(request.caregiver.age)
        )
    }
}
