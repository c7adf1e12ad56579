import Foundation
import GRDB
import KioskDomain
import KioskPluginKit

/// An application written with its history.
struct DemoApplication {
    var id: String
    var state: ApplicationState
    /// The day of the last time each action was taken.
    var days: [ApplicationAction: CalendarDate]
}

/// Applications through the core workflow's states (`WorkflowRules`), each step by the worker of the
/// level the rules name, days apart; a history that would run past the last day stops there, so
/// recent applications are still under review.
extension TownshipRun {
    /// Writes an application of `kind` (`<plugin>.<kind>`) for `child`, submitted on `submitted`,
    /// heading for `target`, and its events; returns where it got to.
    func application(
        kind: String, child: DemoChild, submitted: CalendarDate, target: ApplicationState,
        summary: String, payload: (bytes: [UInt8], type: String)
    ) throws -> DemoApplication {
        let id = self.ids.make("A")
        var state = ApplicationState.submitted
        var day = submitted
        var days: [ApplicationAction: CalendarDate] = [.submit: submitted]
        var events: [(ApplicationAction, ApplicationState?, ApplicationState, CalendarDate)] = [(.submit, nil, .submitted, submitted)]
        for action in self.path(to: target).dropFirst() {
            let next = day.adding(days: self.delay(before: action))
            guard next <= self.spec.until, let reached = Self.target(of: action, from: state) else { break }
            events.append((action, state, reached, next))
            days[action] = next
            (state, day) = (reached, next)
        }
        let instants = events.indices.map { DemoTime.instant(events[$0].3, hour: 8 + min($0, 9), minute: self.random.int(0...59)) }
        try self.writer.insert(
            "core_application",
            "application_id, kind, child_id, village, state, version, summary, payload, payload_type, checks, submitted_at, updated_at",
            [id, kind, child.id, child.village, state.rawValue, events.count, summary, Data(payload.bytes), payload.type,
             "[{\"rule\":\"generated\",\"passed\":true,\"explanation\":\"generated demo application\"}]", instants[0], instants[instants.count - 1]]
        )
        for (index, (action, from, to, on)) in events.enumerated() {
            let actor = self.actor(for: action, child: child)
            try self.writer.insert(
                "core_application_event",
                "application_id, kind, child_id, village, action, from_state, to_state, actor, actor_level, kiosk_id, reason, effective_date, at",
                [id, kind, child.id, child.village, action.rawValue, from?.rawValue, to.rawValue, actor.name, actor.level,
                 actor.level == "county" ? nil : self.kiosk, Self.reason(for: action), Self.effective(action) ? on.isoString : nil, instants[index]]
            )
        }
        return DemoApplication(id: id, state: state, days: days)
    }

    /// Activates and closes an approved application on `day` as a plugin acting on its own (as civil
    /// registration does when the police's outcome is recorded).
    func finish(_ application: DemoApplication, child: DemoChild, kind: String, on day: CalendarDate, actor: String, reason: String) throws {
        guard application.state == .approved else { return }
        var last = ""
        for (index, (action, from, to)) in [(ApplicationAction.activate, ApplicationState.approved, ApplicationState.active), (.close, .active, .closed)].enumerated() {
            last = DemoTime.instant(day, hour: 14 + index, minute: 0)
            try self.writer.insert(
                "core_application_event",
                "application_id, kind, child_id, village, action, from_state, to_state, actor, actor_level, kiosk_id, reason, effective_date, at",
                [application.id, kind, child.id, child.village, action.rawValue, from.rawValue, to.rawValue, actor, "system", nil,
                 action == .close ? reason : "", day.isoString, last]
            )
        }
        try self.writer.db.execute(
            sql: "UPDATE core_application SET state = 'closed', version = version + 2, updated_at = ? WHERE application_id = ?",
            arguments: [last, application.id]
        )
    }

    /// The actions from submission to `target`; one in twelve returned for information and resubmitted first.
    private func path(to target: ApplicationState) -> [ApplicationAction] {
        let review: [ApplicationAction] = self.random.chance(1.0 / 12)
            ? [.submit, .beginReview, .returnForInformation, .resubmit, .beginReview, .forward] : [.submit, .beginReview, .forward]
        switch target {
        case .submitted: return [.submit]
        case .townshipReview: return [.submit, .beginReview]
        case .countyReview: return review
        case .returned: return [.submit, .beginReview, .returnForInformation]
        case .withdrawn: return self.random.chance(0.5) ? [.submit, .withdraw] : [.submit, .beginReview, .withdraw]
        case .rejected: return review + [.reject]
        case .approved: return review + [.approve]
        case .active: return review + [.approve, .activate]
        case .suspended: return review + [.approve, .activate, .suspend]
        case .closed: return review + [.approve, .activate, .close]
        }
    }

    private func delay(before action: ApplicationAction) -> Int {
        switch action {
        case .beginReview, .forward: self.random.int(1...12)
        case .approve, .reject: self.random.int(2...45)
        case .returnForInformation, .withdraw: self.random.int(1...20)
        case .resubmit: self.random.int(3...25)
        case .activate: self.random.int(0...7)
        case .suspend, .close: self.random.int(30...420)
        default: self.random.int(1...30)
        }
    }

    private func actor(for action: ApplicationAction, child: DemoChild) -> (name: String, level: String) {
        switch action {
        case .submit, .resubmit, .withdraw, .appeal: (self.director(of: child.village), "village")
        case .beginReview, .forward, .returnForInformation: (self.supervisor, "township")
        default: (self.officer, "county")
        }
    }

    /// The workflow's table (`WorkflowRules` in KioskRecords), for the actions the generator takes.
    static func target(of action: ApplicationAction, from state: ApplicationState) -> ApplicationState? {
        switch (action, state) {
        case (.beginReview, .submitted): .townshipReview
        case (.forward, .townshipReview): .countyReview
        case (.returnForInformation, .submitted), (.returnForInformation, .townshipReview), (.returnForInformation, .countyReview): .returned
        case (.resubmit, .returned): .submitted
        case (.withdraw, .submitted), (.withdraw, .townshipReview), (.withdraw, .countyReview), (.withdraw, .returned): .withdrawn
        case (.approve, .countyReview): .approved
        case (.reject, .countyReview): .rejected
        case (.activate, .approved): .active
        case (.suspend, .active): .suspended
        case (.close, .active), (.close, .suspended): .closed
        default: nil
        }
    }

    private static func reason(for action: ApplicationAction) -> String {
        switch action {
        case .reject: "经核查不符合条件"
        case .returnForInformation: "请补充证明材料"
        case .withdraw: "家庭情况变化，申请撤回"
        case .suspend: "待核实家庭情况"
        case .close: "情况变化，结束"
        default: ""
        }
    }

    private static func effective(_ action: ApplicationAction) -> Bool {
        [.approve, .reject, .activate, .suspend, .close].contains(action)
    }
}
