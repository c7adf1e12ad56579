import Foundation
import GRPCCore
import KioskDomain
import KioskPluginKit

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
            guard request.caregiver.name.isEmpty else { throw RPCError.invalidArgument("caregiver: is given but no_caregiver is set") }
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
        let name = try RequestField.text(wire.caregiverName, field: "answers.caregiver_name", maximumLength: 50)
        let age = try RequestField.integer(wire.caregiverAge, field: "answers.caregiver_age", in: 1...120)
        let health = try RequestField.required(Health(wire: wire.health), field: "answers.health")
        let income = try RequestField.required(Income(wire: wire.income), field: "answers.income")
        let housing = try RequestField.required(Housing(wire: wire.housing), field: "answers.housing")
        let notes = try RequestField.optionalText(wire.notes, field: "answers.notes", maximumLength: 1000)
        self.init(
            caregiverName: name, caregiverAge: Int(age), health: health, income: income, housing: housing,
            willing: wire.willing, historyOfNeglectOrViolence: wire.historyOfNeglectOrViolence, notes: notes
        )
    }
}

extension ArrangementRequest {
    init(checking request: Kiosk_Plugins_Guardianship_V1_SubmitArrangementRequest, today: CalendarDate) throws {
        let type = try ArrangementType(wire: request.type)
        let caregiver: CareProvider
        if type == .institutionalCare {
            let name = try RequestField.text(request.institutionName, field: "institution_name", maximumLength: 100)
            caregiver = CareProvider(name: name, relationship: .institution, age: 0)
        } else {
            caregiver = try CareProvider.checked(
                name: request.caregiver.name, relationship: CaregiverRelationship(wire: request.caregiver.relationship),
                age: Int(request.caregiver.age), field: "caregiver"
            )
        }
        let agreement = request.agreementDate.isEmpty
            ? nil : try RequestField.pastDate(request.agreementDate, field: "agreement_date", today: today)
        let reason = try RequestField.optionalText(request.reason, field: "reason", maximumLength: 500)
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
