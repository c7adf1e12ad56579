import GRDB
import GRPCCore
import KioskDomain
import KioskPluginKit

/// Re-evaluates the rules at each decision (recording them) and keeps the allowances table in step
/// with the workflow: activate creates the allowance, suspend/resume/close change its status. A
/// suspension stops payments from the month of its effective date (today unless given).
struct AllowancesHooks: ApplicationHooks {
    let evaluator: EligibilityEvaluator
    let clock: any WallClock

    func willTransition(_ change: ApplicationChange, in db: Database) throws {
        guard let kind = AllowanceKind(applicationKind: change.application.kind) else { return }
        let stage: String
        let refuses: Bool
        switch change.action {
        case .approve: (stage, refuses) = ("approve", true)
        case .activate: (stage, refuses) = ("activate", true)
        case .resume: (stage, refuses) = ("resume", true)
        case .reject: (stage, refuses) = ("reject", false)
        case .appeal: (stage, refuses) = ("appeal", false)
        default: return
        }
        let checks = try self.evaluator.forStep(
            of: change.application, kind: kind, continuingOnly: change.action == .resume, in: db, actor: change.actor
        )
        try DecisionLog.record(
            DecisionEntry(stage: stage, actor: change.actor.name, at: self.clock.now(), evaluatedOn: self.clock.today(), checks: checks),
            applicationID: change.application.applicationID, in: db
        )
        if refuses, checks.contains(where: { !$0.passed }) {
            throw RPCError(code: .failedPrecondition, message: "cannot \(change.action.rawValue): not eligible: \(failedWords(checks))")
        }
        if change.action == .activate {
            try Self.requireRate(kind: kind, change: change, in: db)
        }
    }

    /// An allowance is activated only with a rate for its first month.
    static func requireRate(kind: AllowanceKind, change: ApplicationChange, in db: Database) throws {
        let month = Month(change.effectiveDate)
        let county = change.application.village.county.digits
        guard try RateTable.rate(county: county, kind: kind, month: month, in: db) != nil else {
            throw RPCError(
                code: .failedPrecondition,
                message: "cannot activate: county \(county) has no rate for \(kind.rawValue) in \(month); set one with SetRate first"
            )
        }
    }

    func didTransition(_ change: ApplicationChange, in db: Database) throws {
        guard let kind = AllowanceKind(applicationKind: change.application.kind) else { return }
        let id = change.application.applicationID
        let now = self.clock.now()
        switch change.action {
        case .activate:
            let child = try self.evaluator.children.child(change.application.childID, in: db, actor: change.actor, action: "allowances.activate")
            let row = AllowanceRow(
                allowanceID: id, childID: change.application.childID, village: change.application.village.digits,
                county: change.application.village.county.digits, kind: kind, status: .active,
                startMonth: Month(change.effectiveDate), statusReason: "",
                turns18On: AgeLimit.eighteenthBirthday(of: child.details.birthDate)
            )
            try AllowanceTable.insert(row, at: now, in: db)
        case .suspend:
            try AllowanceTable.setStatus(id, .suspended, reason: change.reason, suspendedFrom: Month(change.effectiveDate), at: now, in: db)
        case .resume:
            try AllowanceTable.setStatus(id, .active, reason: "", at: now, in: db)
        case .close:
            try AllowanceTable.setStatus(id, .closed, reason: change.reason, at: now, in: db)
        default:
            break
        }
    }
}
