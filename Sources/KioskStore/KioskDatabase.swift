public import GRDB
public import Logging

/// The kiosk server's SQLite database: one durable writer with group commit, and a pool of readers.
///
/// Durability: the database runs in WAL mode with `PRAGMA synchronous = FULL` on the writer
/// connection, so the WAL is fsynced at every commit and a commit that returned survives a crash
/// or power cut. GRDB's `DatabasePool` lowers the writer to `NORMAL` while it opens the pool, after
/// our configuration has run, so the setting is applied again on the live writer and then read back.
public final class KioskDatabase: Sendable {
    /// The underlying GRDB pool. Reads may use it directly; writes go through ``writer``.
    public let pool: DatabasePool
    /// The group-commit writer every mutation goes through.
    public let writer: GroupCommitWriter
    /// The configuration the database was opened with.
    public let configuration: StoreConfiguration

    /// The value of `PRAGMA synchronous` this store requires on its writer: 2, FULL.
    public static let requiredSynchronous = 2

    /// Opens (creating if needed) the database described by `configuration`.
    public init(configuration: StoreConfiguration, logger: Logger = Logger(label: "kiosk.store")) throws {
        var grdb = Configuration()
        grdb.maximumReaderCount = configuration.maximumReaderCount
        let busy = configuration.busyTimeout.components
        grdb.busyMode = .timeout(Double(busy.seconds) + Double(busy.attoseconds) / 1e18)
        grdb.foreignKeysEnabled = true
        grdb.label = "kiosk.store"
        grdb.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: configuration.path, configuration: grdb)
            try pool.barrierWriteWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = FULL")
            }
        } catch {
            throw StoreError(code: .openFailed, message: "cannot open database at \(configuration.path): \(error)")
        }
        let synchronous = try pool.writeWithoutTransaction { db in
            try Int.fetchOne(db, sql: "PRAGMA synchronous")
        }
        guard synchronous == Self.requiredSynchronous else {
            throw StoreError(
                code: .openFailed,
                message: "writer connection has PRAGMA synchronous = \(synchronous.map(String.init) ?? "?"), need FULL (2)"
            )
        }
        self.pool = pool
        self.configuration = configuration
        self.writer = GroupCommitWriter(pool: pool, maximumBatchSize: configuration.maximumBatchSize)
        logger.debug("database opened", metadata: ["kiosk.store.path": "\(configuration.path)"])
    }

    /// Reads in a consistent snapshot on one of the reader connections.
    public func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await self.pool.read(body)
    }

    /// The `PRAGMA synchronous` value of the live writer connection (2 = FULL).
    public func writerSynchronousSetting() async throws -> Int {
        try await self.pool.writeWithoutTransaction { db in
            try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1
        }
    }

    /// Checkpoints the WAL into the main file and closes every connection.
    public func close() throws {
        self.pool.writeWithoutTransaction { db in
            _ = try? db.checkpoint(.truncate)
        }
        try self.pool.close()
    }
}
