import KioskDomain
import KioskPluginKit

/// One rule of an allowance type; evaluated without I/O into a ``CheckResult`` that names its inputs.
enum EligibilityRule: Sendable, Hashable {
    /// Under 18 on the day of evaluation.
    case ageUnder18
    /// The child's record has the category.
    case category(ChildCategory.Kind)
    /// A disability certificate with a grade in the range.
    case disabilityGrade(ClosedRange<Int>)
    /// No active or suspended allowance of these kinds.
    case notExcludedBy([AllowanceKind])
    /// No allowance or open application of the same kind.
    case notAlreadyGranted

    /// Rules about the child's own situation (not about other allowances) keep applying while paid.
    var isContinuing: Bool {
        switch self {
        case .ageUnder18, .category, .disabilityGrade: true
        case .notExcludedBy, .notAlreadyGranted: false
        }
    }

    /// The rule's stable name.
    var name: String {
        switch self {
        case .ageUnder18: "age-under-18"
        case .category(let kind): "category-\(kind.rawValue)"
        case .disabilityGrade: "disability-certificate-grade"
        case .notExcludedBy: "no-excluding-allowance"
        case .notAlreadyGranted: "not-already-granted"
        }
    }
}

/// What the rules look at.
struct EligibilityInput: Sendable, Hashable {
    /// The kind applied for.
    var kind: AllowanceKind
    /// The child's date of birth.
    var birthDate: CalendarDate
    /// The child's categories.
    var categories: [ChildCategory]
    /// The day the rules are evaluated on.
    var today: CalendarDate
    /// The child's other allowances that are active or suspended.
    var grantedKinds: [AllowanceKind]
    /// The child's other applications still under way.
    var openApplicationKinds: [AllowanceKind]
}

/// Evaluates rules into results with plain-word explanations.
enum Eligibility {
    /// Every rule of the input's kind.
    static func evaluate(_ input: EligibilityInput) -> [CheckResult] {
        input.kind.rules.map { self.check($0, input) }
    }

    /// Only the rules that must keep holding while paid.
    static func evaluateContinuing(_ input: EligibilityInput) -> [CheckResult] {
        input.kind.continuingRules.map { self.check($0, input) }
    }

    static func check(_ rule: EligibilityRule, _ input: EligibilityInput) -> CheckResult {
        switch rule {
        case .ageUnder18:
            let age = input.birthDate.completedYears(on: input.today)
            let eighteenth = AgeLimit.eighteenthBirthday(of: input.birthDate)
            let words = "born \(input.birthDate), \(age) years old on \(input.today)"
            return age < 18
                ? CheckResult(rule: rule.name, passed: true, explanation: "\(words); under 18 until \(eighteenth)")
                : CheckResult(rule: rule.name, passed: false, explanation: "\(words); turned 18 on \(eighteenth)")
        case .category(let kind):
            let has = input.categories.contains { $0.kind == kind }
            return CheckResult(
                rule: rule.name, passed: has,
                explanation: has ? "the child's record has category \(kind.rawValue)" : "the child's record does not have category \(kind.rawValue)"
            )
        case .disabilityGrade(let grades):
            return self.disabilityCheck(rule, grades: grades, input)
        case .notExcludedBy(let kinds):
            let conflicting = kinds.filter(input.grantedKinds.contains)
            return conflicting.isEmpty
                ? CheckResult(
                    rule: rule.name, passed: true,
                    explanation: "no \(kinds.map(\.rawValue).joined(separator: " or ")) allowance, which would exclude this one"
                )
                : CheckResult(
                    rule: rule.name, passed: false,
                    explanation: "the child already receives \(conflicting.map(\.rawValue).joined(separator: ", ")), which excludes \(input.kind.rawValue)"
                )
        case .notAlreadyGranted:
            if input.grantedKinds.contains(input.kind) {
                return CheckResult(rule: rule.name, passed: false, explanation: "the child already has a \(input.kind.rawValue) allowance")
            }
            if input.openApplicationKinds.contains(input.kind) {
                return CheckResult(rule: rule.name, passed: false, explanation: "an application for \(input.kind.rawValue) is already under way")
            }
            return CheckResult(rule: rule.name, passed: true, explanation: "no \(input.kind.rawValue) allowance or open application yet")
        }
    }

    static func disabilityCheck(_ rule: EligibilityRule, grades: ClosedRange<Int>, _ input: EligibilityInput) -> CheckResult {
        let needed = grades.count == 1 ? "grade \(grades.lowerBound)" : "grade \(grades.lowerBound) to \(grades.upperBound)"
        guard let category = input.categories.first(where: { $0.kind == .disability }), let grade = category.disabilityGrade else {
            return CheckResult(rule: rule.name, passed: false, explanation: "no disability certificate on the child's record; needs \(needed)")
        }
        let type = category.disabilityType?.rawValue ?? "unknown type"
        let passed = grades.contains(grade)
        return CheckResult(
            rule: rule.name, passed: passed,
            explanation: "disability certificate \(type), grade \(grade); \(passed ? "within" : "outside") \(needed)"
        )
    }
}
