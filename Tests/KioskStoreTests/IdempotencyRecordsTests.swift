import Foundation
import GRDB
import KioskStore
import Testing

@Suite("Idempotency records")
struct IdempotencyRecordsTests {
    static let now = Date(timeIntervalSince1970: 1_700_000_000)
    static let method = "/kiosk.nutrition.v1.Nutrition/RecordMeasurement"

    static func claim(
        scope: String = "kiosk-1",
        key: String = "7f1c0e5e-2f0a-4d53-9a43-3d0c5f9a1b2e",
        method: String = Self.method,
        digest: [UInt8] = Array(repeating: 0xAB, count: 32)
    ) -> IdempotencyClaim {
        IdempotencyClaim(scope: scope, key: key, method: method, requestDigest: digest)
    }

    static func createEffectTable(_ database: KioskDatabase) async throws {
        try await database.pool.write { db in
            try db.execute(sql: "CREATE TABLE effect (id INTEGER PRIMARY KEY, note TEXT NOT NULL)")
        }
    }

    static func effectNotes(_ database: KioskDatabase) async throws -> [String] {
        try await database.read { db in try String.fetchAll(db, sql: "SELECT note FROM effect ORDER BY id") }
    }

    static func recordCount(_ database: KioskDatabase) async throws -> Int {
        try await database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM core_idempotency") ?? -1 }
    }

    /// An idempotent write that records an effect row and returns `response`; `runs` counts body runs.
    static func idempotentWrite(
        _ database: KioskDatabase,
        claim: IdempotencyClaim,
        at date: Date = Self.now,
        response: String,
        runs: Recorder<String>
    ) async throws -> String {
        try await database.writer.write(
            claim: claim,
            at: date,
            encode: { Array($0.utf8) },
            decode: { String(decoding: $0, as: UTF8.self) }
        ) { db in
            runs.append(response)
            try db.execute(sql: "INSERT INTO effect (note) VALUES (?)", arguments: [response])
            return response
        }
    }

    @Test("the first request runs and is recorded; a resend gets the stored response without running")
    func replay() async throws {
        try await withFreshDatabase { database in
            try await Self.createEffectTable(database)
            let runs = Recorder<String>()
            let claim = Self.claim()

            let first = try await Self.idempotentWrite(database, claim: claim, response: "first", runs: runs)
            #expect(first == "first")
            #expect(runs.elements == ["first"])

            let second = try await Self.idempotentWrite(database, claim: claim, response: "second", runs: runs)
            #expect(second == "first")
            #expect(runs.elements == ["first"])
            #expect(try await Self.effectNotes(database) == ["first"])

            let record = try #require(try await database.read { db in try IdempotencyRecords.find(claim, in: db) })
            #expect(record.method == Self.method)
            #expect(record.requestDigest == claim.requestDigest)
            #expect(record.response == Array("first".utf8))
            #expect(try await Self.recordCount(database) == 1)
        }
    }

    @Test("the same key with a different request is refused", arguments: [
        IdempotencyRecordsTests.claim(digest: Array(repeating: 0xCD, count: 32)),
        IdempotencyRecordsTests.claim(digest: []),
        IdempotencyRecordsTests.claim(method: "/kiosk.nutrition.v1.Nutrition/DeleteMeasurement"),
        IdempotencyRecordsTests.claim(method: "/kiosk.nutrition.v1.Nutrition/DeleteMeasurement", digest: Array(repeating: 0xCD, count: 32)),
    ])
    func keyReused(other: IdempotencyClaim) async throws {
        try await withFreshDatabase { database in
            try await Self.createEffectTable(database)
            let runs = Recorder<String>()
            _ = try await Self.idempotentWrite(database, claim: Self.claim(), response: "first", runs: runs)

            let error = await #expect(throws: StoreError.self) {
                try await Self.idempotentWrite(database, claim: other, response: "second", runs: runs)
            }
            #expect(error?.code == .idempotencyKeyReused)
            #expect(error?.message.contains(other.key) == true)
            #expect(runs.elements == ["first"])
            #expect(try await Self.effectNotes(database) == ["first"])

            // The original request still replays.
            let again = try await Self.idempotentWrite(database, claim: Self.claim(), response: "third", runs: runs)
            #expect(again == "first")
        }
    }

    @Test("replay and find work on any connection")
    func replayDirectly() async throws {
        try await withFreshDatabase { database in
            let claim = Self.claim()
            let before = try await database.writer.write { db in
                let before = try IdempotencyRecords.replay(claim, in: db)
                try IdempotencyRecords.insert(claim, response: [1, 2, 3], at: Self.now, in: db)
                return before
            }
            #expect(before == nil)

            let otherMethod = Self.claim(method: "/x.Y/Z")
            let otherKey = Self.claim(key: "another")
            let (replayed, otherKeyRecord, otherMethodOutcome) = try await database.read { db in
                (
                    try IdempotencyRecords.replay(claim, in: db),
                    try IdempotencyRecords.find(otherKey, in: db),
                    Result { try IdempotencyRecords.replay(otherMethod, in: db) }
                )
            }
            #expect(replayed == [1, 2, 3])
            #expect(otherKeyRecord == nil)
            #expect((otherMethodOutcome.failure as? StoreError)?.code == .idempotencyKeyReused)
        }
    }

    @Test("keys are scoped per kiosk")
    func scopesAreIndependent() async throws {
        try await withFreshDatabase { database in
            try await Self.createEffectTable(database)
            let runs = Recorder<String>()
            let fromKiosk1 = Self.claim(scope: "kiosk-1")
            let fromKiosk2 = Self.claim(scope: "kiosk-2", digest: Array(repeating: 0x01, count: 32))

            #expect(try await Self.idempotentWrite(database, claim: fromKiosk1, response: "one", runs: runs) == "one")
            #expect(try await Self.idempotentWrite(database, claim: fromKiosk2, response: "two", runs: runs) == "two")
            #expect(runs.elements == ["one", "two"])
            #expect(try await Self.idempotentWrite(database, claim: fromKiosk2, response: "x", runs: runs) == "two")
            #expect(try await Self.idempotentWrite(database, claim: fromKiosk1, response: "y", runs: runs) == "one")
            #expect(runs.elements == ["one", "two"])
            #expect(try await Self.recordCount(database) == 2)
        }
    }

    @Test("a body that throws stores no record, and the retry runs the body")
    func failedBodyIsNotRecorded() async throws {
        try await withFreshDatabase { database in
            try await Self.createEffectTable(database)
            let runs = Recorder<String>()
            let claim = Self.claim()
            await #expect(throws: TestFailure(tag: "body")) {
                try await database.writer.write(
                    claim: claim,
                    at: Self.now,
                    encode: { (value: String) in Array(value.utf8) },
                    decode: { String(decoding: $0, as: UTF8.self) }
                ) { db -> String in
                    try db.execute(sql: "INSERT INTO effect (note) VALUES ('half')")
                    throw TestFailure(tag: "body")
                }
            }
            #expect(try await Self.recordCount(database) == 0)
            #expect(try await Self.effectNotes(database).isEmpty)

            #expect(try await Self.idempotentWrite(database, claim: claim, response: "retry", runs: runs) == "retry")
            #expect(runs.elements == ["retry"])
        }
    }

    @Test("an encoding failure undoes the effect too")
    func encodeFailureUndoesEffect() async throws {
        try await withFreshDatabase { database in
            try await Self.createEffectTable(database)
            await #expect(throws: TestFailure(tag: "encode")) {
                try await database.writer.write(
                    claim: Self.claim(),
                    at: Self.now,
                    encode: { (_: String) -> [UInt8] in throw TestFailure(tag: "encode") },
                    decode: { String(decoding: $0, as: UTF8.self) }
                ) { db in
                    try db.execute(sql: "INSERT INTO effect (note) VALUES ('effect')")
                    return "response"
                }
            }
            #expect(try await Self.effectNotes(database).isEmpty)
            #expect(try await Self.recordCount(database) == 0)
        }
    }

    @Test("concurrent resends of one request run the body once and all get the same response")
    func concurrentResends() async throws {
        try await withFreshDatabase { database in
            try await Self.createEffectTable(database)
            let runs = Recorder<String>()
            let claim = Self.claim()
            let responses = try await withThrowingTaskGroup(of: String.self) { group in
                for index in 0..<20 {
                    group.addTask { try await Self.idempotentWrite(database, claim: claim, response: "r\(index)", runs: runs) }
                }
                var responses: [String] = []
                for try await response in group { responses.append(response) }
                return responses
            }
            #expect(runs.count == 1)
            let winner = try #require(runs.elements.first)
            #expect(responses == Array(repeating: winner, count: 20))
            #expect(try await Self.effectNotes(database) == [winner])
        }
    }

    @Test("a response that encodes to no bytes is stored and replayed")
    func emptyResponse() async throws {
        try await withFreshDatabase { database async throws in
            let runs = Recorder<String>()
            let claim = Self.claim()
            let write: @Sendable () async throws -> [UInt8] = {
                try await database.writer.write(claim: claim, at: Self.now, encode: { $0 }, decode: { $0 }) { _ in
                    runs.append("ran")
                    return [UInt8]()  // e.g. google.protobuf.Empty, or any message with only default fields
                }
            }
            #expect(try await write() == [])
            #expect(try await write() == [])
            #expect(runs.count == 1)
            let record = try await database.read { db in try IdempotencyRecords.find(claim, in: db) }
            #expect(record?.response == [])
        }
    }

    @Test("records survive closing and reopening the database")
    func survivesReopen() async throws {
        try await withTemporaryDatabasePath { path in
            let configuration = StoreConfiguration(path: path)
            let runs = Recorder<String>()
            let claim = Self.claim()

            try await withDatabase(configuration, migrate: try StoreMigrator.core()) { database in
                try await Self.createEffectTable(database)
                #expect(try await Self.idempotentWrite(database, claim: claim, response: "before", runs: runs) == "before")
            }
            try await withDatabase(configuration, migrate: try StoreMigrator.core()) { database async throws in
                #expect(try await Self.idempotentWrite(database, claim: claim, response: "after", runs: runs) == "before")
                #expect(try await Self.effectNotes(database) == ["before"])
            }
            #expect(runs.elements == ["before"])
        }
    }

    @Test("prune deletes only records older than the cutoff")
    func prune() async throws {
        try await withFreshDatabase { database in
            let day: TimeInterval = 86_400
            let dates = [Self.now - 3 * day, Self.now - 2 * day, Self.now - day, Self.now]
            try await database.writer.write { db in
                for (index, date) in dates.enumerated() {
                    try IdempotencyRecords.insert(Self.claim(key: "key-\(index)"), response: [UInt8(index)], at: date, in: db)
                }
            }

            let deleted = try await database.writer.write { db in
                try IdempotencyRecords.prune(olderThan: Self.now - 2 * day, in: db)
            }
            #expect(deleted == 1)
            let keys = try await database.read { db in
                try String.fetchAll(db, sql: "SELECT key FROM core_idempotency ORDER BY key")
            }
            #expect(keys == ["key-1", "key-2", "key-3"])

            let again = try await database.writer.write { db in
                try IdempotencyRecords.prune(olderThan: Self.now - 2 * day, in: db)
            }
            #expect(again == 0)

            let rest = try await database.writer.write { db in
                try IdempotencyRecords.prune(olderThan: Self.now + 1, in: db)
            }
            #expect(rest == 3)
            #expect(try await Self.recordCount(database) == 0)
        }
    }

    @Test("a pruned key can be used again")
    func prunedKeyIsFree() async throws {
        try await withFreshDatabase { database in
            try await Self.createEffectTable(database)
            let runs = Recorder<String>()
            let claim = Self.claim()
            _ = try await Self.idempotentWrite(database, claim: claim, at: Self.now, response: "old", runs: runs)
            _ = try await database.writer.write { db in try IdempotencyRecords.prune(olderThan: Self.now + 60, in: db) }
            let fresh = try await Self.idempotentWrite(database, claim: claim, at: Self.now + 120, response: "new", runs: runs)
            #expect(fresh == "new")
            #expect(runs.elements == ["old", "new"])
        }
    }
}
