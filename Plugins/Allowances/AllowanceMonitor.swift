import Logging
import KioskPluginKit
import ServiceLifecycle

/// Runs the automatic checks everywhere at an interval until graceful shutdown.
struct AllowanceMonitor: Service {
    let checks: AutomaticChecks
    let store: PluginStore
    let logger: Logger
    let interval: Duration

    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let checks = self.checks
                    let suspended = try await self.store.writeWithoutResponse { db in try checks.run(villages: nil, in: db) }
                    self.logger.debug("allowances: automatic checks done", metadata: ["allowances.suspended": "\(suspended.count)"])
                } catch {
                    self.logger.error("allowances: automatic checks failed", metadata: ["allowances.error": "\(type(of: error))"])
                }
                try await Task.sleep(for: self.interval)
            }
        }
    }
}
