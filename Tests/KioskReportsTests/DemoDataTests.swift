import GRDB
import InstalledPlugins
import KioskDemoData
import KioskDomain
import KioskPluginKit
import KioskRecords
import KioskStore
import Testing

/// The generator writes what the services would accept, the same for the same seed, and its
/// numbers come back out of the reports.
@Suite struct DemoDataTests {
    @Test func theSameSeedMakesTheSameCounty() async throws {
        let first = try await DemoCounty.with { database, _ in try await Self.fingerprint(database) }
        let second = try await DemoCounty.with { database, _ in try await Self.fingerprint(database) }
        var other = DemoCounty.spec
        other.seed = 8
        let third = try await DemoCounty.with(other) { database, _ in try await Self.fingerprint(database) }
        #expect(first == second)
        #expect(first != third)
    }

    /// Every table's rows, hashed in primary key order.
    static func fingerprint(_ database: KioskDatabase) async throws -> [String: Int] {
        try await database.read { db in
            var result: [String: Int] = [:]
            for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND name NOT LIKE 'grdb%'") {
                var hasher = Hasher()
                let rows = try Row.fetchCursor(db, sql: "SELECT * FROM \(table) ORDER BY 1")
                while let row = try rows.next() { hasher.combine(row.description) }
                result[table] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0
                result[table + "#"] = hasher.finalize()
            }
            return result
        }
    }

    @Test func everyPluginsTablesAndEveryApplicationStateAreFilled() async throws {
        try await DemoCounty.with { database, summary in
            #expect(summary.rows["core_child"] == 1_500)
            let states = try await database.read { db in Set(try String.fetchAll(db, sql: "SELECT DISTINCT state FROM core_application")) }
            #expect(states == Set(ApplicationState.allCases.map(\.rawValue)))
            guard InstalledPlugins.all.count == 4 else { return }
            for table in ["nutrition_measurement", "nutrition_support", "guardianship_arrangement", "guardianship_review", "allowances_payment",
                          "civil_registration_case", "core_visit", "core_work_item"] {
                #expect((summary.rows[table] ?? 0) > 0, "\(table)")
            }
        }
    }

    @Test func historiesFollowTheWorkflowsRules() async throws {
        try await DemoCounty.with { database, _ in
            let events = try await database.read { db in
                try Row.fetchAll(db, sql: "SELECT application_id, action, from_state, to_state, actor_level FROM core_application_event ORDER BY cursor")
                    .map { Event(id: $0["application_id"], action: $0["action"], to: $0["to_state"], level: $0["actor_level"]) }
            }
            var states: [String: String] = [:]
            for event in events {
                let id = event.id
                let action = try #require(ApplicationAction(rawValue: event.action))
                let to = event.to
                if action == .submit {
                    #expect(states[id] == nil && to == "submitted")
                } else {
                    let from = try #require(ApplicationState(rawValue: states[id] ?? ""))
                    #expect(WorkflowRules.target(of: action, from: from)?.rawValue == to, "\(action) from \(from)")
                    let level = event.level
                    if level != "system" {
                        let allowed = WorkflowRules.levels(for: action, from: from).map(\.name)
                        #expect(allowed.contains(level), "\(action) by \(level)")
                    }
                }
                states[id] = to
            }
            let stored = try await database.read { db in
                try Row.fetchAll(db, sql: "SELECT application_id, state FROM core_application").map { ($0[0] as String, $0[1] as String) }
            }
            #expect(stored.allSatisfy { states[$0.0] == $0.1 })
        }
    }

    @Test func childrenAreWhatTheRegistryWouldAccept() async throws {
        try await DemoCounty.with { database, _ in
            let registry = CoreChildRegistry(grants: .core, clock: SystemWallClock())
            let ids = try await database.read { db in try String.fetchAll(db, sql: "SELECT child_id FROM core_child ORDER BY child_id") }
            // Reading a child through the registry audits the read, so it takes the writer.
            let records = try await database.writer.write { db in
                try ids.map { try registry.child($0, in: db, actor: .system("test"), action: "test") }
            }
            let until = DemoCounty.spec.until
            for record in records {
                _ = try record.details.validated(today: until)
                if let number = record.details.identityNumber {
                    try number.checkConsistency(birthDate: record.details.birthDate, sex: record.details.sex)
                }
                #expect(record.namePinyin == PinyinKey(record.details.name).spaced)
            }
            let numbers = records.compactMap(\.details.identityNumber)
            #expect(Set(numbers).count == numbers.count)
        }
    }

    @Test func theReportCountsWhatWasGenerated() async throws {
        try await DemoCounty.with { database, summary in
            let report = try await DemoCounty.report(database)
            let cells = report.lookup
            #expect(cells["core.children-registered", area: "530102"]?.value == Double(summary.rows["core_child"] ?? -1))
            let townships = report.areas.compactMap { cells["core.children-registered", area: $0]?.value }.reduce(0, +)
            #expect(townships == 1_500)
            let monitored = try await database.read { db in
                try Int.fetchOne(db, sql: "SELECT count(DISTINCT child_id) FROM core_visit WHERE visit_date >= '2025-12-01'") ?? -1
            }
            #expect(cells["core.children-monitored", area: "530102"]?.value == Double(monitored))
            #expect(report.indicators.count == report.indicators.map(\.id).count)
            #expect(report.cells.allSatisfy { $0.suppressed == nil })
        }
    }

    /// One row of the workflow's history, as the test reads it.
    struct Event: Sendable {
        var id: String
        var action: String
        var to: String
        var level: String
    }
}
