import KioskDomain
import KioskPluginKit

/// What each type of arrangement requires, as checks the workflow records. No I/O.
///
/// Family-based care comes first and institutional care last, as the UN Guidelines for the
/// Alternative Care of Children (2009) ask; a parent who migrates entrusts the child to an adult
/// able to care and tells the village (DOMAIN.md: guardianship and care).
enum ArrangementRules {
    /// The latest assessment of the child's caregiver, as the rules need it.
    struct LatestAssessment: Sendable, Hashable {
        var caregiverName: String
        var assessedOn: CalendarDate
        var riskLevel: RiskLevel
        var unfit: Bool
    }

    static func checks(
        for request: ArrangementRequest,
        situation: CareSituation?,
        assessment: LatestAssessment?,
        childAge: Int,
        today: CalendarDate,
        assessmentValidDays: Int
    ) -> [CheckResult] {
        var checks = [
            CheckResult(rule: "child-under-18", passed: childAge < 18, explanation: "the child is \(childAge)"),
            CheckResult(
                rule: "situation-recorded",
                passed: situation != nil,
                explanation: situation == nil ? "record the parents' situation first" : "the parents' situation is recorded"
            ),
        ]
        guard let situation else { return checks }
        switch request.type {
        case .entrustedCare:
            checks.append(self.entrustingParent(request, situation))
            checks.append(self.agreement(request))
            checks.append(self.relative(request.caregiver))
            checks.append(self.assessedFit(request.caregiver, assessment, today: today, validDays: assessmentValidDays))
        case .kinshipCare:
            checks.append(self.noParentCanCare(situation))
            checks.append(self.relative(request.caregiver))
            checks.append(self.assessedFit(request.caregiver, assessment, today: today, validDays: assessmentValidDays))
        case .fosterFamily:
            checks.append(self.noParentCanCare(situation))
            checks.append(
                CheckResult(
                    rule: "foster-family-approved",
                    passed: !request.fosterApprovalReference.isEmpty && request.caregiver.relationship == .fosterParent,
                    explanation: request.fosterApprovalReference.isEmpty
                        ? "no civil affairs approval reference of the foster family"
                        : "approved foster family \(request.fosterApprovalReference); caregiver is \(request.caregiver.relationship.rawValue)"
                )
            )
        case .institutionalCare:
            checks.append(self.noParentCanCare(situation))
            checks.append(
                CheckResult(
                    rule: "family-care-not-possible",
                    passed: !request.reason.isEmpty,
                    explanation: request.reason.isEmpty
                        ? "give the reason family-based care (kinship or foster) is not possible"
                        : "family-based care is not possible: \(request.reason)"
                )
            )
        }
        return checks
    }

    private static func entrustingParent(_ request: ArrangementRequest, _ situation: CareSituation) -> CheckResult {
        guard let role = request.entrustingParent else {
            return CheckResult(rule: "entrusting-parent", passed: false, explanation: "name the parent who entrusts the child")
        }
        let status = situation.parent(role).status
        let passed = status != .present && status.canAgree
        return CheckResult(
            rule: "entrusting-parent",
            passed: passed,
            explanation: passed
                ? "the \(role.rawValue) (\(status.rawValue)) entrusts the child"
                : "the \(role.rawValue) is \(status.rawValue): entrusted care is by a living parent who cannot care at home"
        )
    }

    private static func agreement(_ request: ArrangementRequest) -> CheckResult {
        CheckResult(
            rule: "parent-agreement-recorded",
            passed: request.agreementDate != nil,
            explanation: request.agreementDate.map { "the parent agreed on \($0)" } ?? "the entrusting parent's agreement is not recorded"
        )
    }

    private static func relative(_ caregiver: CareProvider) -> CheckResult {
        CheckResult(
            rule: "caregiver-is-relative",
            passed: caregiver.relationship.isRelative && caregiver.age >= 18,
            explanation: "the caregiver is \(caregiver.relationship.rawValue), aged \(caregiver.age); an adult relative is required"
        )
    }

    private static func noParentCanCare(_ situation: CareSituation) -> CheckResult {
        let passed = situation.careStatus == .noParentAble
        return CheckResult(
            rule: "no-parent-can-care",
            passed: passed,
            explanation: "mother \(situation.mother.status.rawValue), father \(situation.father.status.rawValue)"
                + (passed ? "" : situation.careStatus == .leftBehind ? "; a migrated parent entrusts the child instead" : "; a parent cares at home")
        )
    }

    /// The caregiver assessed, not unfit, at most `validDays` days ago (setting `assessment-valid-days`).
    private static func assessedFit(_ caregiver: CareProvider, _ assessment: LatestAssessment?, today: CalendarDate, validDays: Int) -> CheckResult {
        guard let assessment, assessment.caregiverName == caregiver.name else {
            return CheckResult(rule: "caregiver-assessed-fit", passed: false, explanation: "\(caregiver.name) has not been assessed")
        }
        let age = assessment.assessedOn.days(to: today)
        let passed = !assessment.unfit && age <= validDays
        return CheckResult(
            rule: "caregiver-assessed-fit",
            passed: passed,
            explanation: assessment.unfit
                ? "\(caregiver.name) was assessed unfit on \(assessment.assessedOn)"
                : "\(caregiver.name) was assessed \(assessment.riskLevel.rawValue) risk on \(assessment.assessedOn), \(age) days ago"
                    + (age <= validDays ? "" : " (at most \(validDays) days)")
        )
    }
}
