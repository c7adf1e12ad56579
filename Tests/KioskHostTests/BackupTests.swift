import EchoPlugin
import Foundation
import GRDB
import GRPCCore
import KioskHost
import KioskProtos
import KioskStore
import KioskTesting
import Testing

@Suite("Online backup")
struct BackupTests {
    @Test("a backup taken while kiosks write is consistent, verified, and a server starts on it")
    func backupWhileWriting() async throws {
        let backupPath = LiveKioskHost.makeTemporaryDatabasePath()
        defer { LiveKioskHost.removeDatabase(at: backupPath) }
        let written = try await LiveKioskHost.withEcho { host, kiosk in
            try await host.withWorkerClient(kiosk: kiosk) { client in
                let echo = Kiosk_Testing_Echo_V1_Echo.Client(wrapping: client)
                for index in 0..<20 { _ = try await echo.say(sayRequest("before \(index)")) }
                return try await withThrowingTaskGroup(of: Int.self) { group in
                    group.addTask {
                        for index in 0..<50 { _ = try await echo.say(sayRequest("during \(index)")) }
                        return 50
                    }
                    group.addTask {
                        // One page per step, so the copy interleaves with the writes.
                        try host.host.database.backup(to: backupPath, pagesPerStep: 1)
                        return 0
                    }
                    return try await group.reduce(20, +)
                }
            }
        }
        #expect(written == 70)
        try await LiveKioskHost.with(plugins: [EchoPlugin.self], databasePath: backupPath) { restored in
            let texts = try await restored.host.database.read { db in
                try String.fetchAll(db, sql: "SELECT text FROM echo_note ORDER BY id")
            }
            #expect(texts.count >= 20 && texts.count <= 70)
            #expect(Array(texts.prefix(20)) == (0..<20).map { "before \($0)" })
            let kiosks = try await restored.host.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM core_kiosk") }
            #expect(kiosks == 1)
        }
    }

    @Test("a backup never overwrites an existing file")
    func refusesToOverwrite() async throws {
        let existing = LiveKioskHost.makeTemporaryDatabasePath()
        defer { LiveKioskHost.removeDatabase(at: existing) }
        try Data("not a database".utf8).write(to: URL(fileURLWithPath: existing))
        try await LiveKioskHost.with(plugins: []) { host in
            var error: StoreError?
            do { try host.host.database.backup(to: existing) } catch let caught as StoreError { error = caught }
            #expect(error?.code == .backupFailed)
            #expect(error?.message.contains("already exists") == true)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: existing)) == Data("not a database".utf8))
    }
}
