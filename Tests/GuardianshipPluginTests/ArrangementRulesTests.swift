@testable import GuardianshipPlugin
import KioskDomain
import KioskPluginKit
import Testing

@Suite("What each arrangement type requires")
struct ArrangementRulesTests {
    let today: CalendarDate
    let leftBehind: CareSituation
    let noParent: CareSituation
    let grandmother = CareProvider(name: "王奶奶", relationship: .grandparent, age: 68)

    init() throws {
        self.today = try CalendarDate(iso: "2026-11-23")
        self.leftBehind = CareSituation(
            mother: ParentSituation(status: .migrated, migratedTo: "Guangzhou", migratedSince: try CalendarDate(iso: "2025-03-01")),
            father: ParentSituation(status: .deceased),
            caregiver: CareProvider(name: "王奶奶", relationship: .grandparent, age: 68)
        )
        self.noParent = CareSituation(mother: ParentSituation(status: .deceased), father: ParentSituation(status: .missing), caregiver: nil)
    }

    func fit(on date: String = "2026-10-01", unfit: Bool = false, name: String = "王奶奶") throws -> ArrangementRules.LatestAssessment {
        ArrangementRules.LatestAssessment(caregiverName: name, assessedOn: try CalendarDate(iso: date), riskLevel: .medium, unfit: unfit)
    }

    func failed(_ request: ArrangementRequest, _ situation: CareSituation?, _ assessment: ArrangementRules.LatestAssessment?, age: Int = 8) -> [String] {
        ArrangementRules.checks(for: request, situation: situation, assessment: assessment, childAge: age, today: today, assessmentValidDays: 180)
            .filter { !$0.passed }.map(\.rule)
    }

    func request(_ type: ArrangementType, caregiver: CareProvider? = nil, parent: ParentRole? = .mother, agreed: String? = "2026-11-01",
                 reference: String = "", reason: String = "") throws -> ArrangementRequest {
        ArrangementRequest(
            type: type, caregiver: caregiver ?? self.grandmother, entrustingParent: parent,
            agreementDate: try agreed.map { try CalendarDate(iso: $0) }, fosterApprovalReference: reference, reason: reason
        )
    }

    @Test("entrusted care: a living parent away entrusts, agreement recorded, an adult relative assessed fit")
    func entrusted() throws {
        #expect(failed(try request(.entrustedCare), leftBehind, try fit()).isEmpty)
        #expect(failed(try request(.entrustedCare, agreed: nil), leftBehind, try fit()) == ["parent-agreement-recorded"])
        #expect(failed(try request(.entrustedCare, parent: .father), leftBehind, try fit()) == ["entrusting-parent"])
        #expect(failed(try request(.entrustedCare, parent: nil), leftBehind, try fit()) == ["entrusting-parent"])
        let neighbour = CareProvider(name: "王奶奶", relationship: .otherAdult, age: 50)
        #expect(failed(try request(.entrustedCare, caregiver: neighbour), leftBehind, try fit()) == ["caregiver-is-relative"])
        #expect(failed(try request(.entrustedCare), leftBehind, nil) == ["caregiver-assessed-fit"])
        #expect(failed(try request(.entrustedCare), leftBehind, try fit(unfit: true)) == ["caregiver-assessed-fit"])
        #expect(failed(try request(.entrustedCare), leftBehind, try fit(on: "2026-01-01")) == ["caregiver-assessed-fit"])
        #expect(failed(try request(.entrustedCare), leftBehind, try fit(name: "李叔叔")) == ["caregiver-assessed-fit"])
    }

    @Test("kinship care: no parent can care, an adult relative assessed fit")
    func kinship() throws {
        #expect(failed(try request(.kinshipCare), noParent, try fit()).isEmpty)
        #expect(failed(try request(.kinshipCare), leftBehind, try fit()) == ["no-parent-can-care"])
    }

    @Test("foster family: no parent can care, an approved foster family")
    func foster() throws {
        let family = CareProvider(name: "赵家", relationship: .fosterParent, age: 45)
        #expect(failed(try request(.fosterFamily, caregiver: family, reference: "CA-2026-014"), noParent, nil).isEmpty)
        #expect(failed(try request(.fosterFamily, caregiver: family), noParent, nil) == ["foster-family-approved"])
    }

    @Test("institutional care: no parent can care, and why family care is not possible")
    func institution() throws {
        let home = CareProvider(name: "县儿童福利院", relationship: .institution, age: 0)
        #expect(failed(try request(.institutionalCare, caregiver: home, reason: "no relative able; no foster family available"), noParent, nil).isEmpty)
        #expect(failed(try request(.institutionalCare, caregiver: home), noParent, nil) == ["family-care-not-possible"])
    }

    @Test("every arrangement needs the situation recorded and a child under 18")
    func common() throws {
        #expect(failed(try request(.kinshipCare), nil, try fit()) == ["situation-recorded"])
        #expect(failed(try request(.kinshipCare), noParent, try fit(), age: 18) == ["child-under-18"])
    }
}

@Suite("Review schedule")
struct ReviewScheduleTests {
    @Test("every 3 months at high risk or without an assessment, 6 otherwise (the settings' defaults)")
    func intervals() throws {
        let schedule = ReviewSchedule(highRiskMonths: 3, otherMonths: 6)
        let start = try CalendarDate(iso: "2026-01-31")
        #expect(schedule.nextDue(after: start, risk: .high) == (try CalendarDate(iso: "2026-04-30")))
        #expect(schedule.nextDue(after: start, risk: nil) == (try CalendarDate(iso: "2026-04-30")))
        #expect(schedule.nextDue(after: start, risk: .medium) == (try CalendarDate(iso: "2026-07-31")))
        #expect(schedule.intervalMonths(for: .low) == 6)
    }

    @Test("other intervals come from the settings")
    func configured() throws {
        let schedule = ReviewSchedule(highRiskMonths: 1, otherMonths: 12)
        let start = try CalendarDate(iso: "2026-01-31")
        #expect(schedule.nextDue(after: start, risk: .high) == (try CalendarDate(iso: "2026-02-28")))
        #expect(schedule.nextDue(after: start, risk: .low) == (try CalendarDate(iso: "2027-01-31")))
    }

    @Test("overdue the day after it was due")
    func overdue() throws {
        let due = try CalendarDate(iso: "2026-04-30")
        #expect(!ReviewSchedule.isOverdue(due: due, today: due))
        #expect(ReviewSchedule.isOverdue(due: due, today: due.adding(days: 1)))
    }
}
