import Foundation

/// A setting a plugin (or the core) reads at start, with its default and the rule a value must follow.
///
/// Declare settings as static values and list them in ``KioskPlugin/settings``; read them from
/// `context.settings` in `init(context:)`. The host validates every value given in the settings file
/// or the environment before any plugin starts, and stops `kioskd` with a message naming the
/// plugin, the key and the rule when one is wrong.
///
/// ```swift
/// enum FosterCareSettings {
///     static let maximumChildren = Setting.integer(
///         "max-foster-children", default: 2, in: 1...6, help: "Foster children a family may care for at once")
/// }
/// let limit = context.settings[FosterCareSettings.maximumChildren]
/// ```
public struct Setting<Value: Sendable>: SettingDeclaration {
    /// The key in the plugin's section, lower-case words joined by `-`, e.g. `police-wait-days`.
    public let key: String
    /// The value when none is given.
    public let defaultValue: Value
    /// What the setting means, for `kioskctl settings` and the docs.
    public let help: String
    /// The rule a value must follow, in words, e.g. "a whole number from 1 to 168".
    public let rule: String
    private let parse: @Sendable (String) -> Value?

    /// Creates a setting that reads values with `parse` (nil for a value that breaks `rule`).
    public init(_ key: String, default defaultValue: Value, rule: String, help: String, parse: @escaping @Sendable (String) -> Value?) {
        self.key = key
        self.defaultValue = defaultValue
        self.rule = rule
        self.help = help
        self.parse = parse
    }

    /// The value `text` stands for, or nil when it breaks the rule.
    public func value(from text: String) -> Value? {
        self.parse(text.trimmingCharacters(in: .whitespaces))
    }

    public var defaultText: String { "\(self.defaultValue)" }

    public func problem(with text: String) -> String? {
        self.value(from: text) == nil ? "must be \(self.rule)" : nil
    }
}

/// A setting without its value type, for listing and validating.
public protocol SettingDeclaration: Sendable {
    /// The key in its section.
    var key: String { get }
    /// What it means.
    var help: String { get }
    /// The rule a value must follow, in words.
    var rule: String { get }
    /// The default, as it would be written in the settings file.
    var defaultText: String { get }
    /// Why `text` is not a valid value, or nil when it is.
    func problem(with text: String) -> String?
}

extension Setting where Value == Int {
    /// A whole number in `range`.
    public static func integer(_ key: String, default value: Int, in range: ClosedRange<Int>, help: String) -> Setting {
        Setting(key, default: value, rule: "a whole number from \(range.lowerBound) to \(range.upperBound)", help: help) { text in
            Int(text).flatMap { range.contains($0) ? $0 : nil }
        }
    }
}

extension Setting where Value == Double {
    /// A decimal number in `range`, e.g. an amount in yuan.
    public static func decimal(_ key: String, default value: Double, in range: ClosedRange<Double>, help: String) -> Setting {
        Setting(key, default: value, rule: "a number from \(range.lowerBound) to \(range.upperBound)", help: help) { text in
            Double(text).flatMap { $0.isFinite && range.contains($0) ? $0 : nil }
        }
    }
}

extension Setting where Value == Bool {
    /// `true` or `false`.
    public static func boolean(_ key: String, default value: Bool, help: String) -> Setting {
        Setting(key, default: value, rule: "true or false", help: help) { text in
            switch text.lowercased() {
            case "true", "yes", "on": true
            case "false", "no", "off": false
            default: nil
            }
        }
    }
}

extension Setting where Value == String {
    /// One of `choices`.
    public static func choice(_ key: String, default value: String, among choices: [String], help: String) -> Setting {
        Setting(key, default: value, rule: "one of \(choices.joined(separator: ", "))", help: help) { text in
            choices.contains(text) ? text : nil
        }
    }
}
