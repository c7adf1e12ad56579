import KioskStore
public import KioskPluginKit
public import KioskDomain

/// The workflow's rules, without storage: which action leads where, who may take it, what it needs.
///
/// | action | from | to | who |
/// |---|---|---|---|
/// | begin-review | submitted | township-review | township |
/// | forward | township-review | county-review | township |
/// | return-for-information | submitted, township-review | returned | township |
/// | return-for-information | county-review | returned | county |
/// | resubmit | returned | submitted | village, township |
/// | withdraw | submitted, township-review, county-review, returned | withdrawn | village, township |
/// | approve, reject | county-review | approved, rejected | county |
/// | appeal | rejected | county-review | village, township |
/// | activate | approved | active | county |
/// | suspend | active | suspended | county |
/// | resume | suspended | active | county |
/// | close | active, suspended | closed | county |
///
/// Plugins acting on their own (system actors) may take any action the table allows from the
/// current state; workers only at the level shown and inside their jurisdiction.
public enum WorkflowRules {
    /// Why an action cannot be taken.
    public enum Refusal: Error, Sendable, Hashable {
        /// Not from this state.
        case notFromState(ApplicationAction, ApplicationState)
        /// Not by a worker at this level.
        case wrongLevel(ApplicationAction, ApplicationState, allowed: [Jurisdiction.Level])
        /// The action needs a reason.
        case reasonRequired(ApplicationAction)
    }

    /// The state `action` leads to from `state`, or nil when it cannot be taken from there.
    public static func target(of action: ApplicationAction, from state: ApplicationState) -> ApplicationState? {
        switch (action, state) {
        case (.beginReview, .submitted): .townshipReview
        case (.forward, .townshipReview): .countyReview
        case (.returnForInformation, .submitted), (.returnForInformation, .townshipReview),
            (.returnForInformation, .countyReview):
            .returned
        case (.resubmit, .returned): .submitted
        case (.withdraw, .submitted), (.withdraw, .townshipReview), (.withdraw, .countyReview), (.withdraw, .returned):
            .withdrawn
        case (.approve, .countyReview): .approved
        case (.reject, .countyReview): .rejected
        case (.appeal, .rejected): .countyReview
        case (.activate, .approved): .active
        case (.suspend, .active): .suspended
        case (.resume, .suspended): .active
        case (.close, .active), (.close, .suspended): .closed
        default: nil
        }
    }

    /// The levels whose workers may take `action` from `state`.
    public static func levels(for action: ApplicationAction, from state: ApplicationState) -> [Jurisdiction.Level] {
        switch action {
        case .submit, .resubmit, .withdraw, .appeal: [.village, .township]
        case .beginReview, .forward: [.township]
        case .returnForInformation: state == .countyReview ? [.county] : [.township]
        case .approve, .reject, .activate, .suspend, .resume, .close: [.county]
        }
    }

    /// Actions that must give a reason.
    public static let reasonRequired: Set<ApplicationAction> = [.reject, .returnForInformation, .withdraw, .close, .suspend, .appeal]

    /// The actions a state allows, whoever takes them.
    public static func actions(from state: ApplicationState) -> [ApplicationAction] {
        ApplicationAction.allCases.filter { self.target(of: $0, from: state) != nil }
    }

    /// Decides an action: the new state, or why not. `level` is nil for a plugin acting on its own.
    public static func decide(
        _ action: ApplicationAction,
        from state: ApplicationState,
        level: Jurisdiction.Level?,
        reason: String
    ) -> Result<ApplicationState, Refusal> {
        guard let target = self.target(of: action, from: state) else { return .failure(.notFromState(action, state)) }
        if let level, !self.levels(for: action, from: state).contains(level) {
            return .failure(.wrongLevel(action, state, allowed: self.levels(for: action, from: state)))
        }
        if self.reasonRequired.contains(action), reason.allSatisfy(\.isWhitespace) {
            return .failure(.reasonRequired(action))
        }
        return .success(target)
    }
}

extension WorkflowRules.Refusal: CustomStringConvertible {
    public var description: String {
        switch self {
        case .notFromState(let action, let state):
            let allowed = WorkflowRules.actions(from: state).map(\.rawValue)
            return "cannot \(action.rawValue): the application is \(state.rawValue)"
                + (allowed.isEmpty ? " (final)" : " (allowed: \(allowed.joined(separator: ", ")))")
        case .wrongLevel(let action, let state, let allowed):
            return "\(action.rawValue) from \(state.rawValue) is for \(allowed.map(\.name).joined(separator: " or ")) workers"
        case .reasonRequired(let action):
            return "\(action.rawValue) needs a reason"
        }
    }
}
