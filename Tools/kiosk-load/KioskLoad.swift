import ArgumentParser
import Foundation
import GRPCCore
import KioskHost
import KioskProtos
import KioskTransport
import Logging
import NIOCore
import ServiceLifecycle

/// Drives N concurrent kiosk connections with unary calls and prints calls/s and latency percentiles.
@main
struct KioskLoad: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kiosk-load",
        abstract: "Load a kioskd with concurrent kiosk connections making unary calls.",
        discussion: """
            Either point it at a running kioskd (--port, --kiosk-id, --credential), or give --self-host to start
            one in this process on a temporary database (client and server then share this machine's cores).
            --call get-child (an audited read as a signed-in village director) needs --self-host, which adds
            the worker and the child it reads.
            """
    )

    @Option(help: "Server host.") var host = "127.0.0.1"
    @Option(help: "Server port.") var port: Int?
    @Option(help: "Kiosk id registered on the server.") var kioskID: String?
    @Option(help: "That kiosk's credential.") var credential: String?
    @Flag(help: "Start a kioskd in this process on a temporary database and load it.") var selfHost = false
    @Option(help: "Concurrent kiosk connections.") var connections = 16
    @Option(help: "Calls in flight per connection.") var inFlight = 4
    @Option(help: "Calls per connection.") var callsPerConnection = 2_000
    @Option(help: "The call: server-info (no session, no database) or get-child (audited read).") var call = LoadCall.serverInfo

    func validate() throws {
        guard self.connections > 0, self.inFlight > 0, self.callsPerConnection > 0 else {
            throw ValidationError("--connections, --in-flight and --calls-per-connection must be positive")
        }
        guard self.selfHost || (self.port != nil && self.kioskID != nil && self.credential != nil) else {
            throw ValidationError("give --port, --kiosk-id and --credential, or --self-host")
        }
        guard self.call == .serverInfo || self.selfHost else {
            throw ValidationError("--call \(self.call.rawValue) needs --self-host")
        }
    }

    func run() async throws {
        if self.selfHost {
            try await self.runSelfHosted()
        } else {
            let report = try await self.load(port: self.port!, kioskID: self.kioskID!, credential: self.credential!, target: LoadTarget())
            print(report)
        }
    }

    private func runSelfHosted() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-load-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        var configuration = KioskServerConfiguration()
        configuration.port = 0
        configuration.databasePath = path
        configuration.maxConnections = max(1024, self.connections)
        var logger = Logger(label: "kiosk-load")
        logger.logLevel = .error
        let host = try await KioskHost(configuration: configuration, plugins: [], logger: logger)
        let credential = try await KioskRegistry(database: host.database).register(kioskID: "load", label: "load", at: Date())
        if self.call == .getChild { try await LoadTarget.addWorker(to: host, configuration: configuration) }
        let group = ServiceGroup(
            configuration: .init(services: host.services.map { .init(service: $0) }, logger: logger)
        )
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let port = try await host.transport.listeningAddress.port ?? 0
            let target = self.call == .getChild
                ? try await LoadTarget.prepare(port: port, host: self.host, kioskID: "load", credential: credential)
                : LoadTarget()
            let report = try await self.load(port: port, kioskID: "load", credential: credential, target: target)
            print(report)
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        try host.close()
    }

    private func load(port: Int, kioskID: String, credential: String, target: LoadTarget) async throws -> LoadReport {
        let start = ContinuousClock.now
        let latencies = try await withThrowingTaskGroup(of: [Duration].self) { group in
            for _ in 0..<self.connections {
                group.addTask { try await self.runConnection(port: port, kioskID: kioskID, credential: credential, target: target) }
            }
            return try await group.reduce(into: [Duration]()) { $0 += $1 }
        }
        return LoadReport(
            call: self.call, latencies: latencies, elapsed: ContinuousClock.now - start, connections: self.connections, inFlight: self.inFlight
        )
    }

    private func runConnection(port: Int, kioskID: String, credential: String, target: LoadTarget) async throws -> [Duration] {
        let transport = KioskClientTransport(
            configuration: .init(host: self.host, port: port, kioskID: kioskID, credential: credential)
        )
        let interceptors: [any ClientInterceptor] = target.sessionToken.map { [BearerToken(token: $0)] } ?? []
        return try await withGRPCClient(transport: transport, interceptors: interceptors) { client in
            let hostClient = Kiosk_Host_V1_Host.Client(wrapping: client)
            let children = Kiosk_Core_V1_Children.Client(wrapping: client)
            let getChild = target.getChildRequest
            let perWorker = self.callsPerConnection / self.inFlight
            return try await withThrowingTaskGroup(of: [Duration].self) { group in
                for worker in 0..<self.inFlight {
                    let calls = perWorker + (worker < self.callsPerConnection % self.inFlight ? 1 : 0)
                    group.addTask {
                        var latencies: [Duration] = []
                        latencies.reserveCapacity(calls)
                        for _ in 0..<calls {
                            let started = ContinuousClock.now
                            switch self.call {
                            case .serverInfo: _ = try await hostClient.getServerInfo(.init())
                            case .getChild: _ = try await children.getChild(getChild)
                            }
                            latencies.append(ContinuousClock.now - started)
                        }
                        return latencies
                    }
                }
                return try await group.reduce(into: [Duration]()) { $0 += $1 }
            }
        }
    }
}

/// Throughput and latency percentiles of one load run.
struct LoadReport: CustomStringConvertible {
    let call: LoadCall
    let latencies: [Duration]
    let elapsed: Duration
    let connections: Int
    let inFlight: Int

    func percentile(_ p: Double, of sorted: [Duration]) -> Duration {
        guard !sorted.isEmpty else { return .zero }
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }

    var description: String {
        let sorted = self.latencies.sorted()
        let seconds = Double(self.elapsed.components.seconds) + Double(self.elapsed.components.attoseconds) / 1e18
        func ms(_ duration: Duration) -> String {
            let value = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
            return String(format: "%.3f ms", value)
        }
        return """
            call: \(self.call.rawValue), connections: \(self.connections), in flight per connection: \(self.inFlight)
            calls: \(sorted.count) in \(String(format: "%.2f", seconds)) s = \(String(format: "%.0f", Double(sorted.count) / seconds)) calls/s
            latency p50: \(ms(self.percentile(50, of: sorted)))  p99: \(ms(self.percentile(99, of: sorted)))  p99.9: \(ms(self.percentile(99.9, of: sorted)))  max: \(ms(sorted.last ?? .zero))
            """
    }
}
