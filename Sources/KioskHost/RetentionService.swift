public import KioskStore
public import KioskRecords
public import KioskPluginKit
public import Logging
public import ServiceLifecycle
import GRDB

/// De-identifies children's records whose retention period has ended, in the background.
///
/// Every hour (and once at start) it runs ``sweep()``: batches of at most the policy's batch size,
/// each one write through the group-commit writer, so kiosks' writes queue between batches rather
/// than behind the whole sweep. Each de-identified child is audited as `retention.de-identify` by
/// `system:core` in the batch's transaction. A failed batch is logged (no ids, no data) and
/// retried at the next sweep. Off when the core setting `retention-enabled` is false.
public struct RetentionService: Service {
    private let database: KioskDatabase
    private let policy: RetentionPolicy
    private let clock: any WallClock
    private let logger: Logger
    /// How long the service waits between sweeps.
    static let interval: Duration = .seconds(3600)

    /// Creates the service.
    public init(database: KioskDatabase, policy: RetentionPolicy, clock: any WallClock, logger: Logger) {
        self.database = database
        self.policy = policy
        self.clock = clock
        self.logger = logger
    }

    public func run() async throws {
        // Graceful shutdown cancels the sleep; a batch in progress completes (writes ignore cancellation).
        try? await cancelWhenGracefulShutdown {
            while true {
                do {
                    let count = try await self.sweep()
                    if count > 0 { self.logger.info("retention: records de-identified", metadata: ["kiosk.retention.count": "\(count)"]) }
                } catch {
                    self.logger.error("retention: a batch failed; retrying at the next sweep", metadata: ["kiosk.error": "\(type(of: error))"])
                }
                try await Task.sleep(for: Self.interval)
            }
        }
    }

    /// De-identifies every record due today, batch by batch; returns how many.
    public func sweep() async throws -> Int {
        var total = 0
        while true {
            let now = self.clock.now()
            let today = self.clock.today()
            let policy = self.policy
            let count = try await self.database.writer.write { db in
                try Deidentification.run(try policy.due(on: today, in: db), at: now, in: db)
            }
            total += count
            guard count == policy.batchSize else { return total }
            await Task.yield()
        }
    }
}
