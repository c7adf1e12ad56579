import ArgumentParser
import GRDB
import InstalledPlugins
import KioskPluginKit
import KioskRecords
import KioskStore

/// `kioskctl counts`: how much the database holds, in numbers only.
struct Counts: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show how many children, households, visits, applications, work items, workers and kiosks the database holds.",
        discussion: "Numbers only: no names, no identity numbers. Children are counted per county and per category."
    )
    @OptionGroup var options: DatabaseOption

    func run() async throws {
        let database = try self.options.open()
        defer { try? database.close() }
        let lines = try await database.read { db in
            var lines: [String] = []
            func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql) ?? 0 }
            lines.append("children            \(try count("SELECT count(*) FROM core_child"))")
            for row in try Row.fetchAll(db, sql: "SELECT substr(village, 1, 6) AS county, count(*) AS n FROM core_child GROUP BY county ORDER BY county") {
                lines.append("  in county \(row["county"] as String)   \(row["n"] as Int)")
            }
            for row in try Row.fetchAll(db, sql: "SELECT kind, count(*) AS n FROM core_child_category GROUP BY kind ORDER BY kind") {
                lines.append("  \(row["kind"] as String)   \(row["n"] as Int)")
            }
            lines.append("households          \(try count("SELECT count(*) FROM core_household"))")
            lines.append("caregivers          \(try count("SELECT count(*) FROM core_caregiver"))")
            lines.append("visits              \(try count("SELECT count(*) FROM core_visit"))")
            lines.append("applications        \(try count("SELECT count(*) FROM core_application"))")
            for row in try Row.fetchAll(db, sql: "SELECT state, count(*) AS n FROM core_application GROUP BY state ORDER BY state") {
                lines.append("  \(row["state"] as String)   \(row["n"] as Int)")
            }
            lines.append("open work items     \(try count("SELECT count(*) FROM core_work_item WHERE resolved_at IS NULL"))")
            lines.append("workers (active)    \(try count("SELECT count(*) FROM core_worker WHERE active = 1"))")
            lines.append("kiosks (active)     \(try count("SELECT count(*) FROM core_kiosk WHERE revoked_at IS NULL"))")
            lines.append("audit entries       \(try count("SELECT count(*) FROM core_audit"))")
            return lines
        }
        for line in lines { print(line) }
    }
}

/// `kioskctl plugins`: the plugins this build installs.
struct Plugins: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the plugins this build of kioskd installs, in registration order.")

    func run() async throws {
        let plugins = InstalledPlugins.all.map { $0.metadata }
        if plugins.isEmpty { print("no plugins installed") }
        for plugin in plugins {
            let access = plugin.coreData.map(\.description).sorted().joined(separator: ", ")
            print("\(plugin.id)\t\(plugin.version)\t\(plugin.displayName)\tcore data: \(access.isEmpty ? "none" : access)")
        }
    }
}
