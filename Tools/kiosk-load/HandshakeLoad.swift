import KioskTransport
import Synchronization

/// Full handshakes: a new TCP connection, the TLS handshake (if any), hello and welcome, then close;
/// `concurrency` dialers until `count` are done. What a township's kiosks cost when they all
/// reconnect after an outage.
struct HandshakeLoad {
    let target: Target
    let count: Int
    let concurrency: Int

    func run() async throws -> LoadReport {
        let remaining = Remaining(self.count)
        let start = ContinuousClock.now
        let latencies = try await withThrowingTaskGroup(of: [Duration].self) { group in
            for _ in 0..<min(self.concurrency, self.count) {
                group.addTask {
                    var latencies: [Duration] = []
                    while remaining.take() {
                        latencies.append(try await self.handshake())
                    }
                    return latencies
                }
            }
            return try await group.reduce(into: [Duration]()) { $0 += $1 }
        }
        return LoadReport(
            latencies: latencies,
            elapsed: ContinuousClock.now - start,
            heading: "full handshakes (connect\(self.target.tls == nil ? "" : ", TLS"), hello, welcome, close), \(self.concurrency) at a time",
            unit: "handshakes"
        )
    }

    /// One connection up to the welcome; returns how long that took.
    private func handshake() async throws -> Duration {
        let transport = self.target.transport()
        let started = ContinuousClock.now
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await transport.connect() }
            try await transport.ready()
            let took = ContinuousClock.now - started
            transport.beginGracefulShutdown()
            try await group.waitForAll()
            return took
        }
    }
}

/// Handshakes still to make, shared by the dialers.
final class Remaining: Sendable {
    private let count: Atomic<Int>

    init(_ count: Int) {
        self.count = Atomic(count)
    }

    /// Claims one; false when none is left.
    func take() -> Bool {
        self.count.subtract(1, ordering: .relaxed).newValue >= 0
    }
}
