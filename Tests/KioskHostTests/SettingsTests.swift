import Foundation
import GRPCCore
import KioskHost
import KioskPluginKit
import KioskTesting
import Synchronization
import Testing

/// A plugin with settings, keeping what it was given.
struct SettingsProbePlugin: KioskPlugin {
    static let metadata = PluginMetadata(id: "probe", version: "0.0.1", displayName: "Probe")
    static let waitDays = Setting.integer("wait-days", default: 30, in: 1...365, help: "Days to wait")
    static let rate = Setting.decimal("monthly-rate", default: 600.5, in: 0...10_000, help: "Yuan a month")
    static let strict = Setting.boolean("strict", default: false, help: "Refuse late entries")
    static let mode = Setting.choice("mode", default: "county", among: ["county", "township"], help: "Who decides")
    static let settings: [any SettingDeclaration] = [waitDays, rate, strict, mode]
    static let given = Mutex<PluginSettings?>(nil)

    let services: [any RegistrableRPCService] = []

    init(context: PluginContext) async throws {
        Self.given.withLock { $0 = context.settings }
    }
}

@Suite("Settings: a file of sections, environment overrides, validated at start", .serialized)
struct SettingsTests {
    static func file(_ text: String) throws -> SettingsFile {
        try SettingsFile(parsing: text, name: "kioskd.conf")
    }

    @Test("a file is read by section; quotes, comments and blank lines are allowed")
    func parse() throws {
        let file = try Self.file("# county settings\n\n[probe]\nwait-days = 14\nmode = \"township\"\n[core]\n")
        #expect(file.sections == ["probe": ["wait-days": "14", "mode": "township"], "core": [:]])
    }

    @Test(
        "a malformed file is refused naming the line",
        arguments: [
            ("wait-days = 1\n", "line 1: a setting must follow a [section] line"),
            ("[probe]\nwait days = 1\n", "line 2: 'wait days' is not a key"),
            ("[probe]\nwait-days\n", "line 2: a setting is written key = value"),
            ("[probe]\nwait-days = 1\nwait-days = 2\n", "line 3: wait-days is set twice in [probe]"),
            ("[probe]\n[probe]\n", "line 2: section [probe] appears twice"),
            ("[Probe]\n", "line 1: 'Probe' is not a section name"),
            ("[probe]\nmode = \"open\n", "line 2: a quoted value needs its closing"),
        ]
    )
    func malformed(text: String, message: String) {
        #expect(throws: HostError.self) { try Self.file(text) }
        do {
            _ = try Self.file(text)
        } catch {
            #expect("\(error)".contains(message), "\(error)")
        }
    }

    @Test("values reach the plugin; the environment overrides the file; defaults fill the rest")
    func values() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kioskd-\(UUID().uuidString).conf").path
        try "[probe]\nwait-days = 14\nstrict = yes\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await LiveKioskHost.with(plugins: [SettingsProbePlugin.self], configure: { configuration in
            configuration.settingsPath = path
            configuration.environment["KIOSKD_PROBE_MODE"] = "township"
            configuration.environment["KIOSKD_PROBE_STRICT"] = "off"
        }) { _ in
            let settings = try #require(SettingsProbePlugin.given.withLock { $0 })
            #expect(settings[SettingsProbePlugin.waitDays] == 14)
            #expect(settings[SettingsProbePlugin.strict] == false)
            #expect(settings[SettingsProbePlugin.mode] == "township")
            #expect(settings[SettingsProbePlugin.rate] == 600.5)
            #expect(settings.isGiven(SettingsProbePlugin.waitDays))
            #expect(!settings.isGiven(SettingsProbePlugin.rate))
        }
    }

    @Test(
        "a bad value or an unknown key stops the host, naming the plugin, the key and the rule",
        arguments: [
            ("[probe]\nwait-days = 400\n", [:], "setting probe.wait-days = '400' must be a whole number from 1 to 365 (Days to wait)"),
            ("[probe]\nmonthly-rate = lots\n", [:], "setting probe.monthly-rate = 'lots' must be a number from 0.0 to 10000.0"),
            ("[probe]\nstrict = maybe\n", [:], "setting probe.strict = 'maybe' must be true or false"),
            ("", ["KIOSKD_PROBE_MODE": "village"], "setting probe.mode = 'village' must be one of county, township"),
            ("[probe]\nwait-day = 3\n", [:], "setting probe.wait-day is not one that [probe] has (it has: mode, monthly-rate, strict, wait-days)"),
            ("[core]\nanything = 1\n", [:], "setting core.anything is not one that [core] has"),
        ] as [(String, [String: String], String)]
    )
    func refused(text: String, environment: [String: String], message: String) throws {
        let file = try Self.file(text)
        do {
            _ = try KioskHost.settings(file: file, environment: environment, plugins: [SettingsProbePlugin.self])
            Issue.record("accepted")
        } catch {
            #expect("\(error)".hasPrefix(message), "\(error)")
        }
    }

    @Test("a section for a plugin that is not installed is reported, not an error")
    func ignoredSection() throws {
        let settings = try KioskHost.settings(file: try Self.file("[fostercare]\nx = 1\n"), environment: [:], plugins: [SettingsProbePlugin.self])
        #expect(settings.ignoredSections == ["fostercare"])
    }
}
