import KioskHost
import KioskPluginKit
import Testing

/// Sections of the settings file are plugin ids, which may contain `_` (`civil_registration`).
@Suite("Settings sections")
struct SettingsSectionTests {
    static let waitDays = Setting.integer("police-wait-days", default: 30, in: 1...365, help: "Days with the police before a case is overdue")

    @Test("a plugin id with '_' is a section; its key is read from the file and overridden from the environment")
    func underscoreSection() throws {
        let file = try SettingsFile(parsing: "[civil_registration]\npolice-wait-days = 45\n", name: "kioskd.settings")
        #expect(file.sections["civil_registration"] == ["police-wait-days": "45"])
        let declarations: [String: [any SettingDeclaration]] = ["civil_registration": [Self.waitDays]]
        let fromFile = try HostSettings(file: file, environment: [:], declarations: declarations)
        #expect(fromFile[section: "civil_registration"][Self.waitDays] == 45)
        #expect(HostSettings.environmentName(section: "civil_registration", key: "police-wait-days") == "KIOSKD_CIVIL_REGISTRATION_POLICE_WAIT_DAYS")
        let overridden = try HostSettings(
            file: file, environment: ["KIOSKD_CIVIL_REGISTRATION_POLICE_WAIT_DAYS": "60"], declarations: declarations
        )
        #expect(overridden[section: "civil_registration"][Self.waitDays] == 60)
    }

    @Test("a section name that could be no plugin id is refused with its line", arguments: ["[Civil]", "[civil-registration]", "[civil registration]"])
    func badSection(line: String) {
        let error = #expect(throws: HostError.self) { try SettingsFile(parsing: "# settings\n\(line)\n", name: "kioskd.settings") }
        #expect(error?.description.contains("kioskd.settings, line 2: ") == true)
        #expect(error?.description.contains("is not a section name") == true)
    }
}
