import GRDB
public import GRPCCore
public import KioskPluginKit
public import ServiceLifecycle
import Synchronization

/// A plugin used only by the test suite: one migration, a recorded unary write, a server-streaming
/// read and a background service. It exercises every part of the plugin API.
public struct EchoPlugin: KioskPlugin {
    public static let metadata = PluginMetadata(id: "echo", version: "1.0.0", displayName: "Echo (tests only)")

    public static func registerMigrations(in migrations: inout PluginMigrations) throws {
        try migrations.add("v1.notes") { db in
            try db.execute(sql: "CREATE TABLE echo_note (id INTEGER PRIMARY KEY AUTOINCREMENT, text TEXT NOT NULL)")
        }
    }

    public let services: [any RegistrableRPCService]
    public let backgroundServices: [any Service]

    public init(context: PluginContext) async throws {
        let ticker = Ticker()
        self.services = [EchoService(store: context.store, ticker: ticker)]
        self.backgroundServices = [ticker]
    }
}

/// Counts ticks every 20 ms until graceful shutdown.
final class Ticker: Service, Sendable {
    private let count = Mutex<Int64>(0)

    var ticks: Int64 { self.count.withLock { $0 } }

    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while true {
                self.count.withLock { $0 += 1 }
                try await Task.sleep(for: .milliseconds(20))
            }
        }
    }
}
