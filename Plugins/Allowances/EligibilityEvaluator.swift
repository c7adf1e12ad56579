import GRDB
import KioskDomain
import KioskPluginKit

/// Gathers a child's inputs from the registry and the plugin's tables, then applies the rules.
struct EligibilityEvaluator: Sendable {
    let children: any ChildRegistry
    let applications: any ApplicationWorkflow
    let clock: any WallClock

    /// Every rule of `kind` for a new application (counts the child's open applications too).
    func forNewApplication(kind: AllowanceKind, childID: String, in db: Database, actor: CoreActor) throws -> [CheckResult] {
        let child = try self.children.child(childID, in: db, actor: actor, action: "allowances.check-eligibility")
        let (open, _) = try self.applications.list(
            ApplicationQuery(childID: childID, kindPrefix: "allowances.", pageSize: 100), in: db, actor: actor
        )
        let openStates: Set<ApplicationState> = [.submitted, .townshipReview, .countyReview, .returned, .approved]
        let openKinds = open.filter { openStates.contains($0.state) }.compactMap { AllowanceKind(applicationKind: $0.kind) }
        let input = EligibilityInput(
            kind: kind, birthDate: child.details.birthDate, categories: child.details.categories, today: self.clock.today(),
            grantedKinds: try AllowanceTable.grantedKinds(childID: childID, excluding: nil, in: db),
            openApplicationKinds: openKinds
        )
        return Eligibility.evaluate(input)
    }

    /// The rules for a step of an existing application: all but its own open application.
    func forStep(
        of application: ApplicationRecord, kind: AllowanceKind, continuingOnly: Bool, in db: Database, actor: CoreActor
    ) throws -> [CheckResult] {
        let child = try self.children.child(application.childID, in: db, actor: actor, action: "allowances.check-eligibility")
        let input = EligibilityInput(
            kind: kind, birthDate: child.details.birthDate, categories: child.details.categories, today: self.clock.today(),
            grantedKinds: try AllowanceTable.grantedKinds(childID: application.childID, excluding: application.applicationID, in: db),
            openApplicationKinds: []
        )
        return continuingOnly ? Eligibility.evaluateContinuing(input) : Eligibility.evaluate(input)
    }
}

extension AllowanceKind {
    /// The kind of a stored application kind such as `allowances.orphan-basic-living`.
    init?(applicationKind: String) {
        guard applicationKind.hasPrefix("allowances.") else { return nil }
        self.init(rawValue: String(applicationKind.dropFirst("allowances.".count)))
    }
}

/// The failing checks in plain words, for FAILED_PRECONDITION messages.
func failedWords(_ checks: [CheckResult]) -> String {
    checks.filter { !$0.passed }.map { "\($0.rule): \($0.explanation)" }.joined(separator: "; ")
}
