import ArgumentParser
import Foundation
import InstalledPlugins
import KioskHost
import KioskPluginKit

/// `kioskctl settings`: what the core and the installed plugins can be set to, and a check of a file.
struct Settings: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the settings of the core and the installed plugins, or check a settings file before kioskd reads it.",
        discussion: """
            kioskd reads a settings file given with --settings (or KIOSKD_SETTINGS): [section] lines (a plugin's id, \
            or core) followed by key = value lines. An environment variable KIOSKD_<SECTION>_<KEY> (upper case, '-' \
            written '_') overrides the file.
            """
    )

    @Option(help: "A settings file to check against this build's declarations (with the environment's overrides).")
    var check: String?

    func run() async throws {
        if let path = self.check {
            let file = try SettingsFile(contentsOf: path)
            let settings: HostSettings
            do {
                settings = try KioskHost.settings(file: file, environment: ProcessInfo.processInfo.environment, plugins: InstalledPlugins.all)
            } catch let error as HostError {
                throw ValidationError(error.message)
            }
            for section in settings.ignoredSections {
                print("warning: [\(section)] names no plugin this build installs; kioskd ignores it")
            }
            print("\(path): every setting is valid for this build")
            return
        }
        let declarations = KioskHost.settingDeclarations(plugins: InstalledPlugins.all)
        for section in declarations.keys.sorted() {
            let settings = declarations[section] ?? []
            print("[\(section)]\(settings.isEmpty ? "  (no settings)" : "")")
            for setting in settings {
                print("\(setting.key) = \(setting.defaultText)")
                print("    \(setting.help); \(setting.rule); environment \(HostSettings.environmentName(section: section, key: setting.key))")
            }
        }
    }
}
