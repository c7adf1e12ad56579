import GRPCCore
import KioskProtos
import KioskTesting
import KioskTransport

/// N connections, each with M unary calls in flight, until each has made its calls.
struct CallLoad {
    let target: Target
    let call: LoadCall
    let calls: LoadTarget
    let connections: Int
    let inFlight: Int
    let callsPerConnection: Int

    func run() async throws -> LoadReport {
        let start = ContinuousClock.now
        let latencies = try await withThrowingTaskGroup(of: [Duration].self) { group in
            for _ in 0..<self.connections {
                group.addTask { try await self.runConnection() }
            }
            return try await group.reduce(into: [Duration]()) { $0 += $1 }
        }
        return LoadReport(
            latencies: latencies,
            elapsed: ContinuousClock.now - start,
            heading: "call: \(self.call.rawValue), connections: \(self.connections), in flight per connection: \(self.inFlight)",
            unit: "calls"
        )
    }

    private func runConnection() async throws -> [Duration] {
        let interceptors: [any ClientInterceptor] = self.calls.sessionToken.map { [SessionInterceptor(token: $0)] } ?? []
        return try await withGRPCClient(transport: self.target.transport(), interceptors: interceptors) { client in
            let hostClient = Kiosk_Host_V1_Host.Client(wrapping: client)
            let children = Kiosk_Core_V1_Children.Client(wrapping: client)
            let getChild = self.calls.getChildRequest
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
