import Dispatch
import Foundation
import GRDB
import KioskStore
import Synchronization
import Testing

@Suite("GroupCommitWriter: cancelled callers")
struct GroupCommitCancellationTests {
    /// Occupies the writer with a batch that waits on a semaphore, so that later writes queue up.
    struct Blocker {
        let release = DispatchSemaphore(value: 0)
        let done: Task<Void, any Error>

        init(_ writer: GroupCommitWriter) async throws {
            let release = self.release
            let started = DispatchSemaphore(value: 0)
            self.done = Task { try await writer.write { _ in started.signal(); release.wait() } }
            await withCheckedContinuation { continuation in
                DispatchQueue.global().async { started.wait(); continuation.resume() }
            }
        }

        func finish() async throws {
            self.release.signal()
            try await self.done.value
        }
    }

    static func waitForQueue(_ writer: GroupCommitWriter, count: Int) async throws {
        while writer.queuedWrites < count { try await Task.sleep(for: .milliseconds(2)) }
    }

    @Test("a write cancelled while queued is skipped; the write behind it commits; a cancelled leader still leads")
    func cancelledWhileQueued() async throws {
        try await withFreshDatabase(coreMigrations: false) { database in
            try await GroupCommitWriterTests.createItemTable(database)
            let writer = database.writer
            let blocker = try await Blocker(writer)
            // `first` is the oldest queued write, so it is handed the lead of the next batch.
            let first = Task { try await writer.write(GroupCommitWriterTests.insert("first")) }
            try await Self.waitForQueue(writer, count: 1)
            let second = Task { try await writer.write(GroupCommitWriterTests.insert("second")) }
            try await Self.waitForQueue(writer, count: 2)
            first.cancel()
            try await blocker.finish()
            await #expect(throws: CancellationError.self) { try await first.value }
            #expect(try await second.value > 0)
            #expect(try await GroupCommitWriterTests.itemValues(database) == ["second"])
        }
    }

    @Test("a caller cancelled before it writes never queues")
    func cancelledBeforeWriting() async throws {
        try await withFreshDatabase(coreMigrations: false) { database in
            try await GroupCommitWriterTests.createItemTable(database)
            let writer = database.writer
            let task = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                return try await writer.write(GroupCommitWriterTests.insert("never"))
            }
            await #expect(throws: CancellationError.self) { try await task.value }
            #expect(try await GroupCommitWriterTests.itemValues(database).isEmpty)
            #expect(writer.statistics.writes == 0)
        }
    }

    @Test("a write whose savepoint has started commits and returns although its caller is cancelled")
    func cancelledAfterSavepointStarted() async throws {
        try await withFreshDatabase(coreMigrations: false) { database in
            try await GroupCommitWriterTests.createItemTable(database)
            let writer = database.writer
            let blocker = try await Blocker(writer)
            let handle = Mutex<Task<Int64, any Error>?>(nil)
            let task = Task {
                try await writer.write { db in
                    handle.withLock { $0?.cancel() }  // The caller is cancelled in the middle of its savepoint.
                    return try GroupCommitWriterTests.insert("kept")(db)
                }
            }
            handle.withLock { $0 = task }
            try await Self.waitForQueue(writer, count: 1)
            try await blocker.finish()
            #expect(try await task.value > 0)
            #expect(task.isCancelled)
            #expect(try await GroupCommitWriterTests.itemValues(database) == ["kept"])
        }
    }

    @Test("a write that ignores cancellation runs although its caller was cancelled while it queued")
    func ignoringCancellation() async throws {
        try await withFreshDatabase(coreMigrations: false) { database in
            try await GroupCommitWriterTests.createItemTable(database)
            let writer = database.writer
            let blocker = try await Blocker(writer)
            let task = Task { try await writer.write(ignoringCancellation: true, GroupCommitWriterTests.insert("audit")) }
            try await Self.waitForQueue(writer, count: 1)
            task.cancel()
            try await blocker.finish()
            #expect(try await task.value > 0)
            #expect(try await GroupCommitWriterTests.itemValues(database) == ["audit"])
        }
    }
}
