public import GRDB
import Synchronization

/// Runs writes from many concurrent callers in shared transactions: one commit, one fsync per batch.
///
/// There is no background task. The first caller to find the writer idle becomes the leader: it takes
/// every queued write (up to `maximumBatchSize`), runs each in its own savepoint inside one
/// transaction, commits, and only then answers every caller in the batch. If more writes queued up
/// meanwhile, leadership passes to the oldest of them. A write whose body throws is rolled back to its
/// savepoint and fails alone; a failed commit fails the whole batch. Nobody is answered before the
/// commit that holds their write is durable.
///
/// Cancellation (a call's deadline passed, the kiosk cancelled): a write whose caller is cancelled
/// before its savepoint starts is skipped and throws `CancellationError`, so nothing of it is
/// committed. Once its savepoint has started, the write runs to the commit and returns its result as
/// usual: it is durable, and its caller must be told so. A cancelled leader still leads its batch
/// (skipping only its own write). Writes that must happen whatever the caller does (a failed PIN
/// count, an audited refusal) pass `ignoringCancellation`.
public final class GroupCommitWriter: Sendable {
    private enum Signal: Sendable {
        case done
        case lead
    }

    private struct Job: Sendable {
        let run: @Sendable (Database) -> Void
        let fail: @Sendable (any Error) -> Void
        let continuation: CheckedContinuation<Signal, Never>
    }

    /// Where a queued write is, for deciding whether its caller's cancellation still skips it.
    private enum Progress: Sendable {
        case queued
        case started
        case cancelled
    }

    private struct State: Sendable {
        var queue: [Job] = []
        var leaderActive = false
    }

    private let pool: DatabasePool
    private let maximumBatchSize: Int
    private let state = Mutex(State())
    private let stats = Mutex(Statistics())

    /// Counts of what the writer has done since it was created.
    public struct Statistics: Sendable, Hashable {
        /// Transactions committed (or attempted).
        public var batches = 0
        /// Writes run in those transactions.
        public var writes = 0
        /// The largest batch so far.
        public var largestBatch = 0
    }

    /// Creates a writer over the pool's writer connection.
    public init(pool: DatabasePool, maximumBatchSize: Int) {
        precondition(maximumBatchSize > 0, "maximumBatchSize must be positive")
        self.pool = pool
        self.maximumBatchSize = maximumBatchSize
    }

    /// What the writer has done so far.
    public var statistics: Statistics { self.stats.withLock { $0 } }

    /// Writes queued for the next batch right now (not counting a batch being committed).
    public var queuedWrites: Int { self.state.withLock { $0.queue.count } }

    /// Runs `body` in a savepoint of the next group commit and returns its result once committed.
    ///
    /// Unless `ignoringCancellation`, a caller cancelled before the savepoint starts gets
    /// `CancellationError` and `body` does not run.
    public func write<T: Sendable>(
        ignoringCancellation: Bool = false,
        _ body: @escaping @Sendable (Database) throws -> T
    ) async throws -> T {
        if !ignoringCancellation { try Task.checkCancellation() }
        let result = Mutex<Result<T, any Error>?>(nil)
        let progress = Mutex(Progress.queued)
        let signal = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Signal, Never>) in
                let job = Job(
                    run: { db in
                        let skip = progress.withLock { progress in
                            guard progress == .queued || ignoringCancellation else { return true }
                            progress = .started
                            return false
                        }
                        let outcome = skip ? .failure(CancellationError()) : Self.run(body, in: db)
                        result.withLock { $0 = outcome }
                    },
                    fail: { error in result.withLock { $0 = .failure(error) } },
                    continuation: continuation
                )
                self.enqueue(job)
            }
        } onCancel: {
            progress.withLock { if $0 == .queued { $0 = .cancelled } }
        }
        if signal == .lead {
            await self.leadBatch()
        }
        return try result.withLock { $0! }.get()
    }

    private static func run<T>(_ body: (Database) throws -> T, in db: Database) -> Result<T, any Error> {
        Result { () throws -> T in
            var value: T?
            try db.inSavepoint {
                value = try body(db)
                return .commit
            }
            return value!
        }
    }

    /// Queues `job`; its caller leads the next batch if no leader is active.
    private func enqueue(_ job: Job) {
        let lead = self.state.withLock { state in
            state.queue.append(job)
            guard !state.leaderActive else { return false }
            state.leaderActive = true
            return true
        }
        if lead { job.continuation.resume(returning: .lead) }
    }

    /// Takes the queued jobs (this leader's own is the oldest), commits them and hands on leadership.
    private func leadBatch() async {
        let batch = self.state.withLock { state in
            let count = min(state.queue.count, self.maximumBatchSize)
            let batch = Array(state.queue.prefix(count))
            state.queue.removeFirst(count)  // Batches are small; an array is enough.
            return batch
        }
        // The callback form of GRDB's write, wrapped in a continuation, runs to the end whatever happens
        // to the leader's task: a leader whose call was cancelled must not fail the batch it leads.
        let failure: (any Error)? = await withCheckedContinuation { continuation in
            self.pool.asyncWriteWithoutTransaction { db in
                do {
                    try db.inTransaction(.immediate) {
                        for job in batch { job.run(db) }
                        return .commit
                    }
                    continuation.resume(returning: nil)
                } catch {
                    continuation.resume(returning: error)
                }
            }
        }
        if let failure {
            for job in batch { job.fail(failure) }
        }
        self.stats.withLock { stats in
            stats.batches += 1
            stats.writes += batch.count
            stats.largestBatch = max(stats.largestBatch, batch.count)
        }
        // The leader's own job is batch[0]; it returns from write(_:) itself once this function does.
        for job in batch.dropFirst() { job.continuation.resume(returning: .done) }
        let next: Job? = self.state.withLock { state in
            guard let first = state.queue.first else {
                state.leaderActive = false
                return nil
            }
            return first
        }
        next?.continuation.resume(returning: .lead)
    }
}
