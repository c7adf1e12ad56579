public import GRDB
public import Foundation
public import KioskDomain

/// An application as the workflow keeps it.
public struct ApplicationRecord: Sendable, Hashable {
    /// The application's id.
    public var applicationID: String
    /// `<plugin id>.<kind>`, e.g. `allowances.orphan-basic-living`.
    public var kind: String
    /// The child it is for.
    public var childID: String
    /// The child's village when submitted.
    public var village: DivisionCode
    /// Where it stands.
    public var state: ApplicationState
    /// Increases with every transition.
    public var version: Int64
    /// One line for reviewers.
    public var summary: String
    /// The plugin's payload message, serialized.
    public var payload: [UInt8]
    /// The payload message's full name.
    public var payloadType: String
    /// The plugin's checks at submission.
    public var checks: [CheckResult]
    /// Every transition, oldest first.
    public var history: [TransitionRecord]

    /// The id of the plugin that owns the application.
    public var pluginID: String { String(self.kind.prefix { $0 != "." }) }

    /// Creates a value.
    public init(
        applicationID: String,
        kind: String,
        childID: String,
        village: DivisionCode,
        state: ApplicationState,
        version: Int64,
        summary: String,
        payload: [UInt8],
        payloadType: String,
        checks: [CheckResult],
        history: [TransitionRecord]
    ) {
        self.applicationID = applicationID
        self.kind = kind
        self.childID = childID
        self.village = village
        self.state = state
        self.version = version
        self.summary = summary
        self.payload = payload
        self.payloadType = payloadType
        self.checks = checks
        self.history = history
    }
}

/// One rule a plugin checked, with its inputs and outcome in plain words.
public struct CheckResult: Sendable, Hashable, Codable {
    /// Stable name, e.g. `age-under-18`.
    public var rule: String
    /// Whether the rule holds.
    public var passed: Bool
    /// For people: the inputs and why it passed or failed.
    public var explanation: String

    /// Creates a result.
    public init(rule: String, passed: Bool, explanation: String) {
        self.rule = rule
        self.passed = passed
        self.explanation = explanation
    }
}

/// A recorded transition.
public struct TransitionRecord: Sendable, Hashable {
    /// The event's cursor.
    public var cursor: Int64
    /// What was done.
    public var action: ApplicationAction
    /// The state before (nil for the submission).
    public var from: ApplicationState?
    /// The state after.
    public var to: ApplicationState
    /// Worker id or `system:<plugin>`.
    public var actor: String
    /// The actor's level.
    public var actorLevel: String
    /// The kiosk, for workers.
    public var kioskID: String?
    /// Why.
    public var reason: String
    /// When it takes effect, if given.
    public var effectiveDate: CalendarDate?
    /// When it was recorded.
    public var at: Date

    /// Creates a value.
    public init(
        cursor: Int64,
        action: ApplicationAction,
        from: ApplicationState?,
        to: ApplicationState,
        actor: String,
        actorLevel: String,
        kioskID: String?,
        reason: String,
        effectiveDate: CalendarDate?,
        at: Date
    ) {
        self.cursor = cursor
        self.action = action
        self.from = from
        self.to = to
        self.actor = actor
        self.actorLevel = actorLevel
        self.kioskID = kioskID
        self.reason = reason
        self.effectiveDate = effectiveDate
        self.at = at
    }
}

/// A transition about to be made or just made, as plugin hooks see it.
public struct ApplicationChange: Sendable {
    /// The application before the transition.
    public var application: ApplicationRecord
    /// The action.
    public var action: ApplicationAction
    /// The state it leads to.
    public var to: ApplicationState
    /// Who acts.
    public var actor: CoreActor
    /// The reason given.
    public var reason: String
    /// When it takes effect (today when not given).
    public var effectiveDate: CalendarDate

    /// Creates a value.
    public init(
        application: ApplicationRecord,
        action: ApplicationAction,
        to: ApplicationState,
        actor: CoreActor,
        reason: String,
        effectiveDate: CalendarDate
    ) {
        self.application = application
        self.action = action
        self.to = to
        self.actor = actor
        self.reason = reason
        self.effectiveDate = effectiveDate
    }
}

/// A plugin's say in the transitions of its own applications.
///
/// Both run inside the transition's transaction: throwing from ``willTransition(_:in:)`` refuses
/// the transition (e.g. an activation needs something recorded first); ``didTransition(_:in:)``
/// updates the plugin's own tables with it (an approved allowance becomes active from a month).
public protocol ApplicationHooks: Sendable {
    /// Before the transition is stored; throw an `RPCError` to refuse it.
    func willTransition(_ change: ApplicationChange, in db: Database) throws
    /// After the transition is stored, in the same transaction.
    func didTransition(_ change: ApplicationChange, in db: Database) throws
}

extension ApplicationHooks {
    public func willTransition(_ change: ApplicationChange, in db: Database) throws {}
    public func didTransition(_ change: ApplicationChange, in db: Database) throws {}
}

