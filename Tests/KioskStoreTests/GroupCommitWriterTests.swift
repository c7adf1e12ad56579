import Dispatch
import Foundation
import GRDB
import KioskStore
import Testing

@Suite("GroupCommitWriter")
struct GroupCommitWriterTests {
    static func createItemTable(_ database: KioskDatabase) async throws {
        try await database.pool.write { db in
            try db.execute(sql: "CREATE TABLE item (id INTEGER PRIMARY KEY, value TEXT NOT NULL UNIQUE)")
        }
    }

    static func itemValues(_ database: KioskDatabase) async throws -> Set<String> {
        try await database.read { db in try String.fetchSet(db, sql: "SELECT value FROM item") }
    }

    static func insert(_ value: String) -> @Sendable (Database) throws -> Int64 {
        { db in
            try db.execute(sql: "INSERT INTO item (value) VALUES (?)", arguments: [value])
            return db.lastInsertedRowID
        }
    }

    @Test("a new writer has done nothing")
    func initialStatistics() async throws {
        try await withFreshDatabase(coreMigrations: false) { database in
            let statistics = database.writer.statistics
            #expect(statistics.batches == 0)
            #expect(statistics.writes == 0)
            #expect(statistics.largestBatch == 0)
        }
    }

    @Test("a single write commits and returns its value")
    func singleWrite() async throws {
        try await withFreshDatabase(coreMigrations: false) { database in
            try await Self.createItemTable(database)
            let rowID = try await database.writer.write(Self.insert("only"))
            #expect(rowID == 1)
            #expect(try await Self.itemValues(database) == ["only"])
            let statistics = database.writer.statistics
            #expect(statistics.batches == 1)
            #expect(statistics.writes == 1)
            #expect(statistics.largestBatch == 1)
        }
    }

    @Test("200 concurrent writes all commit, each caller gets its own value, in fewer batches than writes")
    func concurrentWritesAreGrouped() async throws {
        try await withFreshDatabase(coreMigrations: false) { database in
            try await Self.createItemTable(database)
            let writer = database.writer
            let count = 200

            let results = try await withThrowingTaskGroup(of: (Int, Int64).self) { group in
                for index in 0..<count {
                    group.addTask { (index, try await writer.write(Self.insert("value-\(index)"))) }
                }
                var results: [Int: Int64] = [:]
                for try await (index, rowID) in group { results[index] = rowID }
                return results
            }

            #expect(results.count == count)
            // Each caller got the row id of its own insert, not of another write in the same batch.
            let storedRowIDs = try await database.read { db in
                try Row.fetchAll(db, sql: "SELECT id, value FROM item").reduce(into: [String: Int64]()) { map, row in
                    map[row["value"]] = row["id"]
                }
            }
            #expect(storedRowIDs.count == count)
            for (index, rowID) in results {
                #expect(storedRowIDs["value-\(index)"] == rowID, "write \(index)")
            }

            let statistics = writer.statistics
            #expect(statistics.writes == count)
            #expect(statistics.batches >= 1)
            #expect(statistics.batches < count, "\(statistics)")
            #expect(statistics.largestBatch > 1, "\(statistics)")
            #expect(statistics.largestBatch <= 256)
        }
    }

    @Test("a batch never holds more than maximumBatchSize writes")
    func maximumBatchSize() async throws {
        try await withFreshDatabase(maximumBatchSize: 3, coreMigrations: false) { database in
            try await Self.createItemTable(database)
            let writer = database.writer
            let gate = await WriterGate(writer)
            let executor = SerialTaskExecutor()
            let tasks = (0..<10).map { index in executor.spawn { try await writer.write(Self.insert("v\(index)")) } }
            await executor.drain()
            #expect(try await gate.open() == 1)
            for task in tasks { _ = try await task.value }

            #expect(try await Self.itemValues(database).count == 10)
            let statistics = writer.statistics
            // The gate's batch of 1, then the 10 queued writes in batches of 3, 3, 3 and 1.
            #expect(statistics.writes == 11)
            #expect(statistics.largestBatch == 3)
            #expect(statistics.batches == 5)
        }
    }

    @Test("a write whose body throws fails alone; the rest of its batch commits")
    func throwingBodyFailsAlone() async throws {
        try await withFreshDatabase(coreMigrations: false) { database in
            try await Self.createItemTable(database)
            let writer = database.writer
            let gate = await WriterGate(writer)
            let executor = SerialTaskExecutor()

            let first = executor.spawn { try await writer.write(Self.insert("first")) }
            let failing = executor.spawn {
                try await writer.write { db -> Int64 in
                    // The insert is undone with the write's savepoint.
                    _ = try Self.insert("failing")(db)
                    throw TestFailure(tag: "boom")
                }
            }
            let violating = executor.spawn { try await writer.write(Self.insert("first")) }  // UNIQUE violation
            let last = executor.spawn { try await writer.write(Self.insert("last")) }
            await executor.drain()
            _ = try await gate.open()

            let firstID = try await first.value
            let lastID = try await last.value
            #expect(await failing.result.failure as? TestFailure == TestFailure(tag: "boom"))
            let constraint = try #require(await violating.result.failure as? DatabaseError)
            #expect(constraint.resultCode == .SQLITE_CONSTRAINT)

            // All four shared one transaction, after the gate's.
            let statistics = writer.statistics
            #expect(statistics.batches == 2)
            #expect(statistics.largestBatch == 4)

            #expect(try await Self.itemValues(database) == ["first", "last"])
            let ids = try await database.read { db in
                try Row.fetchAll(db, sql: "SELECT id, value FROM item").reduce(into: [String: Int64]()) { map, row in
                    map[row["value"]] = row["id"]
                }
            }
            #expect(ids["first"] == firstID)
            #expect(ids["last"] == lastID)
        }
    }

    @Test("a failed commit fails every write of the batch, and the writer goes on")
    func failedCommitFailsBatch() async throws {
        try await withFreshDatabase(coreMigrations: false) { database in
            try await Self.createItemTable(database)
            try await database.pool.write { db in
                try db.execute(
                    sql: """
                        CREATE TABLE parent (id INTEGER PRIMARY KEY);
                        CREATE TABLE child (
                            id INTEGER PRIMARY KEY,
                            parent_id INTEGER NOT NULL REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED
                        );
                        """
                )
            }
            let writer = database.writer
            let gate = await WriterGate(writer)
            let executor = SerialTaskExecutor()
            let good = executor.spawn { try await writer.write(Self.insert("good")) }
            // A deferred foreign key passes its savepoint and fails only at COMMIT.
            let dangling = executor.spawn {
                try await writer.write { db in try db.execute(sql: "INSERT INTO child (parent_id) VALUES (42)") }
            }
            await executor.drain()
            _ = try await gate.open()

            let goodError = try #require(await good.result.failure as? DatabaseError)
            let danglingError = try #require(await dangling.result.failure as? DatabaseError)
            #expect(goodError.resultCode == .SQLITE_CONSTRAINT)
            #expect(danglingError.resultCode == .SQLITE_CONSTRAINT)
            #expect(try await Self.itemValues(database).isEmpty)

            // Nothing is left half done: the next write commits normally.
            _ = try await writer.write(Self.insert("after"))
            #expect(try await Self.itemValues(database) == ["after"])
            #expect(writer.statistics.batches == 3)
        }
    }

    @Test("writes from one caller commit in order")
    func sequentialWritesKeepOrder() async throws {
        try await withFreshDatabase(coreMigrations: false) { database in
            try await Self.createItemTable(database)
            var rowIDs: [Int64] = []
            for index in 0..<5 {
                rowIDs.append(try await database.writer.write(Self.insert("v\(index)")))
            }
            #expect(rowIDs == [1, 2, 3, 4, 5])
            #expect(database.writer.statistics.batches == 5)
        }
    }

    @Test("one caller's cancellation does not fail the other writes in its batch")
    func cancelledLeaderDoesNotFailOthers() async throws {
        try await withFreshDatabase(coreMigrations: false) { database in
            try await Self.createItemTable(database)
            let writer = database.writer
            let gate = await WriterGate(writer)
            let executor = SerialTaskExecutor()

            // `cancelled` is queued first, so it leads the next batch; its caller then goes away.
            let cancelled = executor.spawn { try await writer.write(Self.insert("cancelled")) }
            let others = (0..<3).map { index in executor.spawn { try await writer.write(Self.insert("other-\(index)")) } }
            await executor.drain()
            cancelled.cancel()
            _ = try await gate.open()

            let cancelledOutcome = await cancelled.result
            var outcomes: [Result<Int64, any Error>] = []
            for task in others { outcomes.append(await task.result) }
            #expect(writer.statistics.batches == 2)
            #expect(writer.statistics.largestBatch == 4)

            // The cancelled caller's own write may fail or commit; the others must commit.
            for outcome in outcomes {
                #expect(outcome.failure == nil, "\(String(describing: outcome.failure))")
            }
            let values = try await Self.itemValues(database)
            #expect(values.isSuperset(of: ["other-0", "other-1", "other-2"]))
            #expect(values.count == (cancelledOutcome.failure == nil ? 4 : 3))
        }
    }

    @Test("cancelling the leader's task while its batch runs does not interrupt the batch")
    func leaderCancelledMidBatch() async throws {
        try await withFreshDatabase(coreMigrations: false) { database in
            try await Self.createItemTable(database)
            let writer = database.writer
            let gate = await WriterGate(writer)
            let executor = SerialTaskExecutor()

            let (leaderStarted, leaderStartedContinuation) = AsyncStream<Void>.makeStream()
            let releaseLeader = DispatchSemaphore(value: 0)
            let leader = executor.spawn {
                try await writer.write { db -> Int64 in
                    leaderStartedContinuation.yield()
                    releaseLeader.wait()
                    return try Self.insert("leader")(db)
                }
            }
            let others = (0..<2).map { index in executor.spawn { try await writer.write(Self.insert("other-\(index)")) } }
            await executor.drain()
            _ = try await gate.open()

            // The leader's batch is running (its body is blocked): now its caller goes away.
            for await _ in leaderStarted { break }
            leader.cancel()
            releaseLeader.signal()

            _ = await leader.result
            for task in others {
                let outcome = await task.result
                #expect(outcome.failure == nil, "\(String(describing: outcome.failure))")
            }
            #expect(writer.statistics.batches == 2)
            #expect(writer.statistics.largestBatch == 3)
            #expect(try await Self.itemValues(database).isSuperset(of: ["other-0", "other-1"]))
        }
    }
}
