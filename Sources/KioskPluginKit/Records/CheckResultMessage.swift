public import SwiftProtobuf

/// A plugin's wire message for one checked rule: `rule`, `passed` and `explanation`, as every
/// plugin's proto spells them. Conform the generated message once and convert with ``init(_:)``:
///
/// ```swift
/// extension Kiosk_Plugins_Fostercare_V1_Check: CheckResultMessage {}
/// response.checks = checks.map(Kiosk_Plugins_Fostercare_V1_Check.init)
/// ```
public protocol CheckResultMessage: SwiftProtobuf.Message {
    /// The rule's stable name.
    var rule: String { get set }
    /// Whether the rule holds.
    var passed: Bool { get set }
    /// The inputs and the outcome in plain words.
    var explanation: String { get set }
}

extension CheckResultMessage {
    /// The message for `check`.
    public init(_ check: CheckResult) {
        self.init()
        self.rule = check.rule
        self.passed = check.passed
        self.explanation = check.explanation
    }
}
