public import KioskPluginKit

/// The core's own settings, in the `[core]` section of the settings file.
public enum CoreSettings {
    /// The section's name.
    public static let section = "core"

    /// Every setting the core declares.
    public static var all: [any SettingDeclaration] { [] }
}
