import EchoPlugin
import Foundation
import Synchronization
import GRDB
import GRPCCore
import KioskDomain
import KioskPluginKit
import KioskProtos
import KioskTesting
import Testing

/// Plugins narrow child searches in SQL: by birth date, category and their own records. (In the
/// isolation suite, which runs its tests one at a time: they share the intruder plugin's context.)
extension PluginIsolationTests {
    @Test("birthDates(aged:on:) holds exactly the children of those ages in completed years, 29 February included")
    func agesMatchCompletedYears() throws {
        let births = try (0..<(366 * 20)).map { try CalendarDate(iso: "2010-01-01").adding(days: $0 * 1) }
        for day in ["2028-02-28", "2028-02-29", "2029-02-28", "2029-03-01", "2030-12-31"] {
            let today = try CalendarDate(iso: day)
            for ages in [0...5, 6...15, 16...17, 17...17] {
                let range = ChildQuery.birthDates(aged: ages, on: today)
                for born in births where born <= today {
                    let age = born.completedYears(on: today)
                    #expect(range.contains(born) == ages.contains(age), "born \(born), age \(age) on \(today), \(ages)")
                }
            }
        }
    }

    @Test("school-age children without a record of the plugin: one query, inside the jurisdiction")
    func pluginRecordsAndAges() async throws {
        try await TestCounty.with(plugins: [EchoPlugin.self, IntruderPlugin.self]) { county in
            let young = try await county.registerChild("王小一", born: "2022-03-01")
            let school = try await county.registerChild("王小二", born: "2016-05-05", categories: [.orphan])
            let enrolled = try await county.registerChild("王小三", born: "2015-06-06")
            _ = try await county.registerChild("王小四", born: "2014-07-07", village: TestCounty.villageB1)
            let context = try #require(IntruderPlugin.context.withLock { $0 })
            let children = context.core.children
            let actor = CoreActor.worker(Caller(
                workerID: "directorA1", role: .villageDirector, jurisdiction: try Jurisdiction(TestCounty.villageA1),
                kioskID: "k", sessionExpiresAt: .distantFuture
            ))
            let today = context.clock.today()
            let (withoutRecord, orphans, withRecord) = try await context.store.writeWithoutResponse { db in
                try db.execute(sql: "INSERT INTO intruder_child (child_id) VALUES (?)", arguments: [enrolled.childID])
                var query = ChildQuery(pageSize: 100)
                query.birthDates = ChildQuery.birthDates(aged: 6...15, on: today)
                query.pluginRecords = .without(table: "intruder_child")
                let without = try children.search(query, in: db, actor: actor).children.map(\.childID)
                query.category = .orphan
                let orphans = try children.search(query, in: db, actor: actor).children.map(\.childID)
                let with = try children.search(ChildQuery(pluginRecords: .with(table: "intruder_child")), in: db, actor: actor)
                return (without, orphans, with.children.map(\.childID))
            }
            #expect(withoutRecord == [school.childID])
            #expect(orphans == [school.childID])
            #expect(withRecord == [enrolled.childID])
            #expect(!withoutRecord.contains(young.childID))
        }
    }

    @Test("a plugin cannot filter by another's table or the core's")
    func foreignTables() async throws {
        try await TestCounty.with(plugins: [EchoPlugin.self, IntruderPlugin.self]) { _ in
            let context = try #require(IntruderPlugin.context.withLock { $0 })
            let children = context.core.children
            for table in ["echo_note", "core_audit", "intruder_child; DROP TABLE core_child"] {
                let error = await rpcError {
                    _ = try await context.store.writeWithoutResponse { db in
                        try children.search(ChildQuery(pluginRecords: .with(table: table)), in: db, actor: .system("intruder"))
                    }
                }
                #expect(error?.code == .internalError)
                #expect(error?.message.contains("only by its own tables") == true, "\(error?.message ?? "")")
            }
        }
    }
}
