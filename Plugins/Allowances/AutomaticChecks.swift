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
///
/// The suspension takes effect from the first month not paid, so that whether a month is paid never
/// depends on the day the checks or the payment run happen: for the age rule the month after the last
/// month paid (``AgeLimit``), for a lost category the month of the check. The reason names the rule,
/// its inputs and that month.
struct AutomaticChecks: Sendable {
    static let actor = CoreActor.system("allowances")

    let children: any ChildRegistry
    let applications: any ApplicationWorkflow
    let clock: any WallClock
    let ageLimit: AgeLimit

    /// Checks the active allowances in `villages` (everywhere when nil).
    func run(villages: VillageRange?, in db: Database) throws -> [AllowanceNotice] {
        let today = self.clock.today()
        var suspended: [AllowanceNotice] = []
        for allowance in try AllowanceTable.list(villages: villages ?? .everywhere, childID: nil, status: .active, in: db) {
            let child = try self.children.child(allowance.childID, in: db, actor: Self.actor, action: "allowances.automatic-check")
            let eighteenth = AgeLimit.eighteenthBirthday(of: child.details.birthDate)
            if allowance.turns18On != eighteenth {
                try AllowanceTable.setTurns18On(allowance.allowanceID, eighteenth, in: db)
            }
            let input = EligibilityInput(
                kind: allowance.kind, birthDate: child.details.birthDate, categories: child.details.categories, today: today,
                grantedKinds: [], openApplicationKinds: []
            )
            let checks = Eligibility.evaluateContinuing(input)
            guard let from = self.firstMonthNotPaid(checks, eighteenth: eighteenth, today: today) else { continue }
            let reason = "automatic check on \(today): \(failedWords(checks)); not paid from \(from)"
            _ = try self.applications.transition(
                allowance.allowanceID, action: .suspend, reason: reason, effectiveDate: from.firstDay, expectedVersion: nil,
                in: db, actor: Self.actor
            )
            suspended.append(AllowanceNotice(allowanceID: allowance.allowanceID, childID: allowance.childID, reason: reason))
        }
        return suspended
    }

    /// The first month a failed continuing rule stops payments, or nil when every rule holds.
    func firstMonthNotPaid(_ checks: [CheckResult], eighteenth: CalendarDate, today: CalendarDate) -> Month? {
        let failed = checks.filter { !$0.passed }
        guard !failed.isEmpty else { return nil }
        let byAge = self.ageLimit.lastMonthPaid(eighteenth: eighteenth).adding(months: 1)
        let byRecord = Month(today)
        let ageOnly = failed.allSatisfy { $0.rule == EligibilityRule.ageUnder18.name }
        return ageOnly ? byAge : min(byAge, byRecord)
    }
}
