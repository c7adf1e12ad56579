/// The values of one section of the settings (a plugin's, or the core's), validated at start.
public struct PluginSettings: Sendable {
    /// The section: a plugin's id, or `core`.
    public let section: String
    private let values: [String: String]

    /// Settings with `values` (key to text as given); the host validates them before building this.
    public init(section: String, values: [String: String] = [:]) {
        self.section = section
        self.values = values
    }

    /// The setting's value: the one given in the file or environment, or its default.
    public subscript<Value>(_ setting: Setting<Value>) -> Value {
        self.values[setting.key].flatMap(setting.value(from:)) ?? setting.defaultValue
    }

    /// Whether a value was given for `setting` (rather than its default being used).
    public func isGiven(_ setting: some SettingDeclaration) -> Bool {
        self.values[setting.key] != nil
    }
}
