/// How the SQLite store is opened. Every field has a safe default.
public struct StoreConfiguration: Sendable, Hashable {
    /// Path of the database file. Its `-wal` and `-shm` companions live beside it.
    public var path: String
    /// Most concurrent readers (SQLite connections besides the single writer).
    public var maximumReaderCount: Int
    /// Most writes that share one transaction and one fsync in a group commit.
    public var maximumBatchSize: Int
    /// How long a connection waits for a lock held by another process (e.g. a backup) before failing.
    public var busyTimeout: Duration

    /// Creates a configuration for the database at `path`.
    public init(
        path: String,
        maximumReaderCount: Int = 4,
        maximumBatchSize: Int = 256,
        busyTimeout: Duration = .seconds(5)
    ) {
        self.path = path
        self.maximumReaderCount = maximumReaderCount
        self.maximumBatchSize = maximumBatchSize
        self.busyTimeout = busyTimeout
    }
}
