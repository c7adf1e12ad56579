import Foundation
import GRDB
import KioskStore
import Testing

@Suite("KioskDatabase")
struct KioskDatabaseTests {
    /// `PRAGMA synchronous` and `PRAGMA journal_mode` as the live writer connection reports them.
    static func writerPragmas(_ database: KioskDatabase) async throws -> (synchronous: Int?, journalMode: String?) {
        try await database.pool.writeWithoutTransaction { db in
            (
                try Int.fetchOne(db, sql: "PRAGMA synchronous"),
                try String.fetchOne(db, sql: "PRAGMA journal_mode")
            )
        }
    }

    @Test("the store requires synchronous FULL")
    func requiredSynchronous() {
        #expect(KioskDatabase.requiredSynchronous == 2)
    }

    @Test("the live writer connection runs WAL with synchronous FULL")
    func writerIsDurable() async throws {
        try await withFreshDatabase { database in
            let pragmas = try await Self.writerPragmas(database)
            #expect(pragmas.synchronous == 2)
            #expect(pragmas.journalMode?.lowercased() == "wal")
            #expect(try await database.writerSynchronousSetting() == 2)
        }
    }

    @Test("the writer stays at synchronous FULL after group commits")
    func writerStaysDurableAfterWrites() async throws {
        try await withFreshDatabase { database in
            try await database.pool.write { db in try db.execute(sql: "CREATE TABLE t (x INTEGER)") }
            for value in 0..<3 {
                try await database.writer.write { db in try db.execute(sql: "INSERT INTO t VALUES (?)", arguments: [value]) }
            }
            let pragmas = try await Self.writerPragmas(database)
            #expect(pragmas.synchronous == 2)
            #expect(pragmas.journalMode?.lowercased() == "wal")
        }
    }

    @Test("readers see the database in WAL mode")
    func readersSeeWAL() async throws {
        try await withFreshDatabase { database in
            let journalMode = try await database.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
            #expect(journalMode?.lowercased() == "wal")
        }
    }

    @Test("the database keeps its settings and its data when closed and reopened")
    func reopen() async throws {
        try await withTemporaryDatabasePath { path in
            let configuration = StoreConfiguration(path: path)
            try await withDatabase(configuration, migrate: try StoreMigrator.core()) { database in
                #expect(FileManager.default.fileExists(atPath: path))
                #expect(FileManager.default.fileExists(atPath: path + "-wal"))
                try await database.writer.write { db in
                    try db.execute(
                        sql: "INSERT INTO core_kiosk (kiosk_id, label, credential_sha256, created_at) VALUES (?, ?, ?, ?)",
                        arguments: ["kiosk-1", "Front desk", Data([1, 2, 3]), Date(timeIntervalSince1970: 1_700_000_000)]
                    )
                }
            }

            for _ in 0..<2 {
                try await withDatabase(configuration) { database in
                    #expect(database.configuration == configuration)
                    let pragmas = try await Self.writerPragmas(database)
                    #expect(pragmas.synchronous == 2)
                    #expect(pragmas.journalMode?.lowercased() == "wal")
                    #expect(try await database.writerSynchronousSetting() == 2)

                    let label = try await database.read { db in
                        try String.fetchOne(db, sql: "SELECT label FROM core_kiosk WHERE kiosk_id = ?", arguments: ["kiosk-1"])
                    }
                    #expect(label == "Front desk")
                }
            }
        }
    }

    @Test("a database that cannot be opened is reported as openFailed")
    func openFailure() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("missing-\(UUID().uuidString)/kiosk.sqlite").path
            let error = #expect(throws: StoreError.self) {
                _ = try KioskDatabase(configuration: StoreConfiguration(path: path))
            }
            #expect(error?.code == .openFailed)
        }
    }

    @Test("a file that is not SQLite is reported as openFailed")
    func notADatabase() async throws {
        try await withTemporaryDirectory { directory in
            let url = directory.appendingPathComponent("garbage.sqlite")
            try Data(repeating: 0xA5, count: 8192).write(to: url)
            let error = #expect(throws: StoreError.self) {
                _ = try KioskDatabase(configuration: StoreConfiguration(path: url.path))
            }
            #expect(error?.code == .openFailed)
        }
    }

    @Test("whole-second busy timeouts reach the writer connection", arguments: [1, 5, 30])
    func busyTimeoutWholeSeconds(seconds: Int) async throws {
        try await withTemporaryDatabasePath { path in
            let configuration = StoreConfiguration(path: path, busyTimeout: .seconds(seconds))
            try await withDatabase(configuration) { database in
                // (GRDB gives its read-only connections their own 10 s timeout, so only the writer is checked.)
                let writer = try await database.pool.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA busy_timeout") }
                #expect(writer == seconds * 1000)
            }
        }
    }

    @Test("sub-second parts of the busy timeout are kept", arguments: [500, 1500, 2250])
    func busyTimeoutMilliseconds(milliseconds: Int) async throws {
        try await withTemporaryDatabasePath { path in
            let configuration = StoreConfiguration(path: path, busyTimeout: .milliseconds(milliseconds))
            try await withDatabase(configuration) { database in
                let writer = try await database.pool.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA busy_timeout") }
                #expect(writer == milliseconds)
            }
        }
    }

    @Test("configuration defaults are safe")
    func configurationDefaults() {
        let configuration = StoreConfiguration(path: "/tmp/x.sqlite")
        #expect(configuration.maximumReaderCount == 4)
        #expect(configuration.maximumBatchSize == 256)
        #expect(configuration.busyTimeout == .seconds(5))
    }
}
