import GRPCCore
import KioskTransport
import Foundation
import KioskPluginKit
import KioskStore
import ServiceLifecycle

/// Runs the GRPCCore server as a service: on graceful shutdown the transport stops accepting, sends
/// go-away to every kiosk, and `run()` returns once the calls in flight have finished.
struct RPCServerService: Service {
    let server: GRPCServer<KioskServerTransport>

    func run() async throws {
        try await withGracefulShutdownHandler {
            try await self.server.serve()
        } onGracefulShutdown: {
            self.server.beginGracefulShutdown()
        }
    }
}

/// Deletes idempotency records past their retention, hourly.
struct IdempotencyPruner: Service {
    let database: KioskStore.KioskDatabase
    let retention: Duration
    let clock: any KioskPluginKit.WallClock

    func run() async throws {
        // Graceful shutdown cancels the sleep; a prune already running completes, one still queued is skipped.
        try? await cancelWhenGracefulShutdown {
            while true {
                let cutoff = self.clock.now().addingTimeInterval(-Double(self.retention.components.seconds))
                _ = try await self.database.writer.write { db in
                    try KioskStore.IdempotencyRecords.prune(olderThan: cutoff, in: db)
                }
                try await Task.sleep(for: .seconds(3600))
            }
        }
    }
}
