import Dispatch
import Foundation
import GRDB
import KioskStore
import Synchronization

/// A directory under the system's temporary directory, removed after `body` returns or throws.
func withTemporaryDirectory<T>(_ body: (URL) async throws -> T) async throws -> T {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("kiosk-store-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try await body(directory)
}

/// The path of a database file in a fresh temporary directory.
func withTemporaryDatabasePath<T>(_ body: (String) async throws -> T) async throws -> T {
    try await withTemporaryDirectory { directory in
        try await body(directory.appendingPathComponent("kiosk.sqlite").path)
    }
}

/// Opens `configuration`'s database, runs `body` with it and closes it again, also when `body` throws.
func withDatabase<T>(
    _ configuration: StoreConfiguration,
    migrate migrator: StoreMigrator? = nil,
    _ body: (KioskDatabase) async throws -> T
) async throws -> T {
    let database = try KioskDatabase(configuration: configuration)
    do {
        try migrator?.migrate(database)
        let result = try await body(database)
        try database.close()
        return result
    } catch {
        try? database.close()
        throw error
    }
}

/// A fresh database in a temporary directory, with the core migrations applied unless told otherwise.
func withFreshDatabase<T>(
    maximumBatchSize: Int = 256,
    coreMigrations: Bool = true,
    _ body: (KioskDatabase) async throws -> T
) async throws -> T {
    try await withTemporaryDatabasePath { path in
        let configuration = StoreConfiguration(path: path, maximumBatchSize: maximumBatchSize)
        return try await withDatabase(configuration, migrate: coreMigrations ? try StoreMigrator.core() : nil, body)
    }
}

extension StoreMigrator {
    /// A migrator with the core's migrations registered.
    static func core() throws -> StoreMigrator {
        var migrator = StoreMigrator()
        try CoreMigrations.register(in: &migrator)
        return migrator
    }
}

/// A thread-safe counter and log that `@Sendable` closures can share.
final class Recorder<Element: Sendable>: Sendable {
    private let storage = Mutex<[Element]>([])

    func append(_ element: Element) {
        self.storage.withLock { $0.append(element) }
    }

    var elements: [Element] { self.storage.withLock { $0 } }
    var count: Int { self.storage.withLock { $0.count } }
}

/// An error a test body throws on purpose.
struct TestFailure: Error, Equatable {
    var tag: String
}

/// A task executor on one serial dispatch queue.
///
/// A task started with this executor as its preference runs its first job on the queue up to its first
/// suspension. `drain()` waits for every job enqueued so far, so after `spawn` then `drain` a task calling
/// `GroupCommitWriter.write` has certainly put its write into the writer's queue (the enqueue happens
/// synchronously before the task suspends). That makes the membership of a group-commit batch
/// deterministic in tests, with no sleeps.
final class SerialTaskExecutor: TaskExecutor {
    private let queue = DispatchQueue(label: "kiosk-store-tests.serial-executor")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        self.queue.async {
            job.runSynchronously(on: self.asUnownedTaskExecutor())
        }
    }

    /// Starts `operation` in a task that prefers this executor.
    func spawn<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) -> Task<T, any Error> {
        Task(executorPreference: self) { try await operation() }
    }

    /// Returns once every job enqueued before the call has run.
    func drain() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            self.queue.async { continuation.resume() }
        }
    }
}

/// Keeps a `GroupCommitWriter` busy: a write whose body blocks the writer connection until released.
///
/// While the gate is closed, further writes queue up behind it; when it opens they are committed
/// together in the next batch.
final class WriterGate: Sendable {
    private let release: DispatchSemaphore
    private let task: Task<Int, any Error>

    /// Starts the blocking write and returns once its body is running, so its batch is already taken.
    init(_ writer: GroupCommitWriter) async {
        let (started, startedContinuation) = AsyncStream<Void>.makeStream()
        let release = DispatchSemaphore(value: 0)
        self.release = release
        self.task = Task {
            try await writer.write { _ in
                startedContinuation.yield()
                release.wait()
                return 1
            }
        }
        for await _ in started { break }
    }

    /// Lets the blocking write finish; returns its result.
    func open() async throws -> Int {
        self.release.signal()
        return try await self.task.value
    }
}

extension Result {
    /// The failure, if any.
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
