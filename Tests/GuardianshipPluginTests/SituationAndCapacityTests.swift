@testable import GuardianshipPlugin
import GRPCCore
import KioskDomain
import Testing

func situationRequest(
    mother: Kiosk_Plugins_Guardianship_V1_ParentStatus = .migrated, motherTo: String = "Guangzhou", motherSince: String = "2025-03-01",
    father: Kiosk_Plugins_Guardianship_V1_ParentStatus = .deceased,
    caregiver: String = "王奶奶", relationship: Kiosk_Plugins_Guardianship_V1_CaregiverRelationship = .grandparent, age: UInt32 = 68,
    noCaregiver: Bool = false
) -> Kiosk_Plugins_Guardianship_V1_RecordSituationRequest {
    var request = Kiosk_Plugins_Guardianship_V1_RecordSituationRequest()
    request.childID = "C1"
    request.mother.status = mother
    if mother == .migrated {
        request.mother.migratedTo = motherTo
        request.mother.migratedSince = motherSince
    }
    request.father.status = father
    if !noCaregiver {
        request.caregiver.name = caregiver
        request.caregiver.relationship = relationship
        request.caregiver.age = age
    }
    request.noCaregiver = noCaregiver
    return request
}

func invalidMessage(_ body: () throws -> Void) -> String? {
    do {
        try body()
        return nil
    } catch let error as RPCError where error.code == .invalidArgument {
        return error.message
    } catch {
        return "unexpected \(error)"
    }
}

@Suite("Parents' status and the caregiver")
struct SituationTests {
    let today: CalendarDate

    init() throws { self.today = try CalendarDate(iso: "2026-11-23") }

    @Test("care status: a parent at home, a migrated parent, or no parent able")
    func careStatus() throws {
        #expect(try CareSituation(checking: situationRequest(), today: today).careStatus == .leftBehind)
        #expect(try CareSituation(checking: situationRequest(mother: .present, caregiver: "李梅", relationship: .mother, age: 35), today: today).careStatus == .parentalCare)
        #expect(try CareSituation(checking: situationRequest(mother: .imprisoned, father: .unable), today: today).careStatus == .noParentAble)
        #expect(try CareSituation(checking: situationRequest(noCaregiver: true), today: today).caregiver == nil)
    }

    @Test("bad situations are refused, naming the field")
    func refusals() {
        var noPlace = situationRequest()
        noPlace.mother.migratedTo = ""
        #expect(invalidMessage { _ = try CareSituation(checking: noPlace, today: today) }
            == "mother.migrated_to: is required for a migrated parent")
        #expect(invalidMessage { _ = try CareSituation(checking: situationRequest(motherSince: "2026-12-01"), today: today) }
            == "mother.migrated_since: 2026-12-01 is in the future (today is 2026-11-23)")
        #expect(invalidMessage { _ = try CareSituation(checking: situationRequest(motherSince: "soon"), today: today) }
            == "mother.migrated_since: 'soon' is not a date written YYYY-MM-DD")
        var placeForPresent = situationRequest(father: .present)
        placeForPresent.father.migratedTo = "Shenzhen"
        #expect(invalidMessage { _ = try CareSituation(checking: placeForPresent, today: today) }
            == "father.migrated_to: is only for a migrated parent")
        #expect(invalidMessage { _ = try CareSituation(checking: situationRequest(father: .unspecified), today: today) }
            == "father.status: is required")
        #expect(invalidMessage { _ = try CareSituation(checking: situationRequest(relationship: .mother), today: today) }
            == "caregiver.relationship: the mother, but mother.status is migrated")
        #expect(invalidMessage { _ = try CareSituation(checking: situationRequest(caregiver: ""), today: today) }
            == "caregiver.name: is required")
        #expect(invalidMessage { _ = try CareSituation(checking: situationRequest(age: 0), today: today) }
            == "caregiver.age: 0 is not from 1 to 120")
        var both = situationRequest(noCaregiver: true)
        both.caregiver.name = "王奶奶"
        #expect(invalidMessage { _ = try CareSituation(checking: both, today: today) } == "caregiver: is given but no_caregiver is set")
    }
}

@Suite("CareProvider capacity and risk levels")
struct CapacityTests {
    func answers(
        age: Int = 50, health: Health = .good, income: Income = .adequate, housing: Housing = .adequate,
        willing: Bool = true, history: Bool = false
    ) -> CapacityAnswers {
        CapacityAnswers(
            caregiverName: "王奶奶", caregiverAge: age, health: health, income: income, housing: housing, willing: willing,
            historyOfNeglectOrViolence: history, notes: ""
        )
    }

    @Test("points add up to low, medium and high")
    func levels() {
        #expect(CapacityRules.assess(answers()) == CapacityResult(riskLevel: .low, unfit: false, reasons: []))
        #expect(CapacityRules.assess(answers(age: 68)).riskLevel == .low)
        #expect(CapacityRules.assess(answers(age: 68, income: .low)).riskLevel == .medium)
        #expect(CapacityRules.assess(answers(income: .noIncome)).riskLevel == .medium)
        let high = CapacityRules.assess(answers(age: 78, health: .limited, housing: .inadequate))
        #expect(high.riskLevel == .high && !high.unfit)
        #expect(high.reasons == ["caregiver aged 78 (+2)", "health limits daily care (+1)", "inadequate housing (+1)"])
    }

    @Test(
        "neglect or violence, unwillingness, being under 18 or poor health make the caregiver unfit",
        arguments: [
            (CapacityAnswers(caregiverName: "a", caregiverAge: 40, health: .good, income: .adequate, housing: .adequate, willing: true, historyOfNeglectOrViolence: true, notes: ""), "history of neglect or violence"),
            (CapacityAnswers(caregiverName: "a", caregiverAge: 40, health: .good, income: .adequate, housing: .adequate, willing: false, historyOfNeglectOrViolence: false, notes: ""), "not willing to care for the child"),
            (CapacityAnswers(caregiverName: "a", caregiverAge: 16, health: .good, income: .adequate, housing: .adequate, willing: true, historyOfNeglectOrViolence: false, notes: ""), "caregiver is 16, under 18"),
            (CapacityAnswers(caregiverName: "a", caregiverAge: 40, health: .poor, income: .adequate, housing: .adequate, willing: true, historyOfNeglectOrViolence: false, notes: ""), "health too poor to care for a child"),
        ]
    )
    func unfit(_ answers: CapacityAnswers, _ reason: String) {
        let result = CapacityRules.assess(answers)
        #expect(result.unfit)
        #expect(result.riskLevel == .high)
        #expect(result.reasons == [reason])
    }

    @Test("answers from the wire are checked")
    func checking() {
        var wire = Kiosk_Plugins_Guardianship_V1_CapacityAnswers()
        wire.caregiverName = "王奶奶"
        wire.caregiverAge = 70
        wire.health = .good
        wire.income = .low
        #expect(invalidMessage { _ = try CapacityAnswers(checking: wire) } == "answers.housing: is required")
        wire.housing = .adequate
        wire.caregiverAge = 0
        #expect(invalidMessage { _ = try CapacityAnswers(checking: wire) } == "answers.caregiver_age: 0 is not from 1 to 120")
        wire.caregiverAge = 70
        #expect(invalidMessage { _ = try CapacityAnswers(checking: wire) } == nil)
    }
}
