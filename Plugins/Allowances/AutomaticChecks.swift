import GRDB
import KioskDomain
import KioskPluginKit

/// An allowance the checks suspended, or a payment run skipped, with the reason.
struct AllowanceNotice: Sendable, Hashable {
    var allowanceID: String
    var childID: String
    var reason: String
}

/// Suspends active allowances whose child no longer meets the continuing rules (turned 18, a
/// qualifying category removed from the record), through the core `suspend` transition.
struct AutomaticChecks: Sendable {
    static let actor = CoreActor.system("allowances")

    let children: any ChildRegistry
    let applications: any ApplicationWorkflow
    let clock: any WallClock

    /// Checks the active allowances in villages between `lowest` and `highest` (everywhere when nil).
    func run(villages: VillageRange?, in db: Database) throws -> [AllowanceNotice] {
        let range = villages ?? .everywhere
        let today = self.clock.today()
        var suspended: [AllowanceNotice] = []
        for allowance in try AllowanceTable.list(villages: range, childID: nil, status: .active, in: db) {
            let child = try self.children.child(allowance.childID, in: db, actor: Self.actor, action: "allowances.automatic-check")
            let input = EligibilityInput(
                kind: allowance.kind, birthDate: child.details.birthDate, categories: child.details.categories, today: today,
                grantedKinds: [], openApplicationKinds: []
            )
            let checks = Eligibility.evaluateContinuing(input)
            guard checks.contains(where: { !$0.passed }) else { continue }
            let reason = "automatic check on \(today): \(failedWords(checks))"
            _ = try self.applications.transition(
                allowance.allowanceID, action: .suspend, reason: reason, effectiveDate: today, expectedVersion: nil,
                in: db, actor: Self.actor
            )
            suspended.append(AllowanceNotice(allowanceID: allowance.allowanceID, childID: allowance.childID, reason: reason))
        }
        return suspended
    }
}
