import Foundation
import KioskDomain
import KioskPluginKit
import KioskRecords
import KioskProtos

/// Translation between the workflow's types and the `kiosk.core.v1` messages.
enum ApplicationMessages {
    static let states: [(value: ApplicationState, wire: Kiosk_Core_V1_ApplicationState)] = [
        (.submitted, .submitted), (.townshipReview, .townshipReview), (.countyReview, .countyReview), (.approved, .approved),
        (.rejected, .rejected), (.active, .active), (.closed, .closed), (.withdrawn, .withdrawn), (.returned, .returned),
        (.suspended, .suspended),
    ]

    static let actions: [(value: ApplicationAction, wire: Kiosk_Core_V1_ApplicationAction)] = [
        (.submit, .submit), (.beginReview, .beginReview), (.forward, .forward), (.approve, .approve), (.reject, .reject),
        (.activate, .activate), (.close, .close), (.withdraw, .withdraw), (.returnForInformation, .returnForInformation),
        (.resubmit, .resubmit), (.appeal, .appeal), (.suspend, .suspend), (.resume, .resume),
    ]

    static func wire(_ state: ApplicationState) -> Kiosk_Core_V1_ApplicationState {
        self.states.first { $0.value == state }?.wire ?? .unspecified
    }

    static func state(_ wire: Kiosk_Core_V1_ApplicationState) throws -> ApplicationState? {
        guard wire != .unspecified else { return nil }
        guard let state = self.states.first(where: { $0.wire == wire })?.value else { throw invalid("unknown state \(wire.rawValue)") }
        return state
    }

    static func action(_ wire: Kiosk_Core_V1_ApplicationAction) throws -> ApplicationAction {
        guard let action = self.actions.first(where: { $0.wire == wire })?.value, action != .submit else {
            throw invalid("action is required (submissions go through the plugin's own service)")
        }
        return action
    }

    static func wire(_ application: ApplicationRecord, full: Bool) -> Kiosk_Core_V1_Application {
        var wire = Kiosk_Core_V1_Application()
        wire.applicationID = application.applicationID
        wire.kind = application.kind
        wire.childID = application.childID
        wire.state = self.wire(application.state)
        wire.version = application.version
        wire.summary = application.summary
        wire.village = application.village.digits
        wire.payloadType = application.payloadType
        wire.checks = application.checks.map { check in
            var result = Kiosk_Core_V1_CheckResult()
            result.rule = check.rule
            result.passed = check.passed
            result.explanation = check.explanation
            return result
        }
        if full {
            wire.payload = Data(application.payload)
            wire.history = application.history.map(self.wire)
        }
        return wire
    }

    static func wire(_ transition: TransitionRecord) -> Kiosk_Core_V1_Transition {
        var wire = Kiosk_Core_V1_Transition()
        wire.action = self.actions.first { $0.value == transition.action }?.wire ?? .unspecified
        wire.fromState = transition.from.map(self.wire) ?? .unspecified
        wire.toState = self.wire(transition.to)
        wire.actor = transition.actor
        wire.actorLevel = transition.actorLevel
        wire.kioskID = transition.kioskID ?? ""
        wire.reason = transition.reason
        wire.effectiveDate = transition.effectiveDate?.isoString ?? ""
        wire.atUnix = Int64(transition.at.timeIntervalSince1970)
        return wire
    }

    static func wire(_ item: WorkItem) -> Kiosk_Core_V1_WorkItem {
        var wire = Kiosk_Core_V1_WorkItem()
        wire.itemID = item.itemID
        wire.childID = item.childID
        wire.village = item.village.digits
        wire.kind = item.kind
        wire.urgency = item.urgency == .urgent ? .urgent : .routine
        wire.summary = item.summary
        wire.raisedAtUnix = Int64(item.raisedAt.timeIntervalSince1970)
        wire.resolvedAtUnix = item.resolvedAt.map { Int64($0.timeIntervalSince1970) } ?? 0
        wire.resolvedBy = item.resolvedBy ?? ""
        wire.resolution = item.resolution ?? ""
        return wire
    }
}
