import ArgumentParser
import Foundation
import KioskDomain
import KioskHost
import KioskPluginKit
import KioskRecords

/// `kioskctl retention`: what the retention rules would de-identify, and when.
struct Retention: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Report what the retention rules would remove, and when.",
        subcommands: [Report.self]
    )

    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Say which children's records would be de-identified on a day, which are kept and why, and when the rest fall due.",
            discussion: "Reads the file only; kioskd's retention service does the de-identifying. The rule's years come from --settings and KIOSKD_CORE_RETENTION_YEARS, as kioskd reads them."
        )
        @OptionGroup var options: ReadOnlyDatabaseOption
        @Option(help: "The settings file kioskd runs with (its [core] section).") var settings: String?
        @Option(help: "The day to report for, YYYY-MM-DD (default: today in China Standard Time).") var on: String?
        @Flag(help: "Also list the children's ids with the day each falls due.") var list = false

        func run() async throws {
            let core = try self.coreSettings()
            let policy = RetentionPolicy(settings: core)
            let today: CalendarDate
            do {
                today = try self.on.map { try CalendarDate(iso: $0) } ?? SystemWallClock().today()
            } catch {
                throw ValidationError("--on must be a date written YYYY-MM-DD")
            }
            let report = try self.options.read { db in try RetentionReport(policy: policy, today: today, in: db) }
            print("rules:")
            print("  children's records: de-identified \(policy.years) years after the later of the 18th birthday and the last activity")
            print("    (a change, a visit, an application step); kept while an application is open"
                + (core[CoreSettings.retentionEnabled] ? "" : "; the retention service is OFF (retention-enabled = false)"))
            print("  idempotency responses: deleted after KIOSKD_IDEMPOTENCY_RETENTION_DAYS (default 30)")
            print("  audit log: kept (ids only, no personal data; the hash chain needs every row)")
            print("on \(today):")
            print("  due now: \(report.dueNow.count) children's records")
            print("  expired but kept while an application is open: \(report.keptOpen.count)")
            print("  already de-identified: \(report.deidentified)")
            let years = report.laterByYear.map { "\($0.year): \($0.count)" }
            print("  falling due later, by year: " + (years.isEmpty ? "none" : years.joined(separator: ", ")))
            if let next = report.later.first { print("  next: \(next.expiry)") }
            guard self.list else { return }
            for candidate in report.dueNow { print("due\t\(candidate.childID)\t\(candidate.expiry)") }
            for candidate in report.keptOpen { print("kept-open\t\(candidate.childID)\t\(candidate.expiry)") }
            for candidate in report.later { print("later\t\(candidate.childID)\t\(candidate.expiry)") }
        }

        private func coreSettings() throws -> PluginSettings {
            do {
                let file = try self.settings.map(SettingsFile.init(contentsOf:)) ?? SettingsFile()
                let settings = try HostSettings(
                    file: file, environment: ProcessInfo.processInfo.environment, declarations: [CoreSettings.section: CoreSettings.all]
                )
                return settings[section: CoreSettings.section]
            } catch {
                throw ValidationError("\(error)")
            }
        }
    }
}
