import Foundation
public import KioskPluginKit

/// Every section of the settings, validated against what the core and the installed plugins declare.
///
/// Values come from the settings file, and environment variables override them:
/// `KIOSKD_<SECTION>_<KEY>` in upper case with `-` written `_` (e.g. `KIOSKD_ALLOWANCES_CHECK_INTERVAL_HOURS`).
/// A value that breaks its rule, a key the section does not declare, or an environment name that
/// two settings would share stops the server with a message naming the section, the key and the rule.
public struct HostSettings: Sendable {
    /// The validated sections, by name.
    public let sections: [String: PluginSettings]
    /// Sections of the file that name no installed plugin (e.g. a plugin built out), for a warning.
    public let ignoredSections: [String]

    /// Validates `file` and `environment` against `declarations` (section name → its settings).
    public init(
        file: SettingsFile,
        environment: [String: String],
        declarations: [String: [any SettingDeclaration]],
        reservedEnvironmentNames: Set<String> = []
    ) throws {
        var sections: [String: PluginSettings] = [:]
        var environmentNames: [String: String] = [:]
        for (section, settings) in declarations {
            var values = file.sections[section] ?? [:]
            if let unknown = values.keys.sorted().first(where: { key in !settings.contains { $0.key == key } }) {
                let known = settings.map(\.key).sorted().joined(separator: ", ")
                throw HostError("setting \(section).\(unknown) is not one that [\(section)] has (it has: \(known.isEmpty ? "none" : known))")
            }
            for setting in settings {
                let name = Self.environmentName(section: section, key: setting.key)
                if let other = environmentNames.updateValue("\(section).\(setting.key)", forKey: name) {
                    throw HostError("settings \(other) and \(section).\(setting.key) would share the variable \(name)")
                }
                guard !reservedEnvironmentNames.contains(name) else {
                    throw HostError("setting \(section).\(setting.key) would use the variable \(name), which kioskd already reads")
                }
                if let text = environment[name] { values[setting.key] = text }
                if let text = values[setting.key], let problem = setting.problem(with: text) {
                    throw HostError("setting \(section).\(setting.key) = '\(text)' \(problem) (\(setting.help))")
                }
            }
            sections[section] = PluginSettings(section: section, values: values)
        }
        self.sections = sections
        self.ignoredSections = file.sections.keys.filter { declarations[$0] == nil }.sorted()
    }

    /// The section `name`, empty when it declares nothing.
    public subscript(section name: String) -> PluginSettings {
        self.sections[name] ?? PluginSettings(section: name)
    }

    /// The environment variable that overrides `key` in `section`.
    public static func environmentName(section: String, key: String) -> String {
        "KIOSKD_\(section)_\(key)".uppercased().replacingOccurrences(of: "-", with: "_")
    }
}
